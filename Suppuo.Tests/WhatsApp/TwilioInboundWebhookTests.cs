using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W3–W7 end to end: signed Twilio webhooks into tickets, exactly once.</summary>
public class TwilioInboundWebhookTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Customer = "+6281234567890";

    private async Task<TwilioNumber> ConnectedNumberAsync() => await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());

    private async Task<int> MessageCountAsync(TwilioNumber number) =>
        await app.WithDbAsync(db => db.Messages.CountAsync(m => m.Ticket.WorkspaceId == number.Workspace.Id));

    // --- W4: authenticity -------------------------------------------------------------------------------

    [Fact]
    public async Task W4_a_missing_signature_is_403_and_stores_nothing()
    {
        var number = await ConnectedNumberAsync();
        var response = await app.PostWebhookAsync(number, number.InboundForm(Customer, "Halo"), sign: false);
        await response.AssertProblemAsync(403);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W4_a_wrong_signature_is_403_and_stores_nothing()
    {
        var number = await ConnectedNumberAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/whatsapp") { Content = new FormUrlEncodedContent(number.InboundForm(Customer, "Halo")) };
        request.Headers.Add("X-Twilio-Signature", "CzkrVEsc52DAJfkXY6Yy3Bjb4Po=");
        await (await app.CreateClient().SendAsync(request)).AssertProblemAsync(403);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W4_a_signature_made_with_another_token_is_403()
    {
        var number = await ConnectedNumberAsync();
        var response = await app.PostWebhookAsync(number, number.InboundForm(Customer, "Halo"), signingToken: "someone-elses-token");
        await response.AssertProblemAsync(403);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W4_a_signature_over_another_url_is_403()
    {
        var number = await ConnectedNumberAsync();
        var response = await app.PostWebhookAsync(number, number.InboundForm(Customer, "Halo"), signedUrl: "https://evil.example.com/webhooks/twilio/whatsapp");
        await response.AssertProblemAsync(403);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W4_a_tampered_body_is_403()
    {
        var number = await ConnectedNumberAsync();
        var form = number.InboundForm(Customer, "Halo");
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/whatsapp");
        request.Headers.Add("X-Twilio-Signature", Fakes.TwilioWebhookSigner.Sign(number.AuthToken, TwilioNumbers.WebhookUrl, form));
        form["Body"] = "Transfer the refund to my other account";
        request.Content = new FormUrlEncodedContent(form);
        await (await app.CreateClient().SendAsync(request)).AssertProblemAsync(403);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W4_fields_twilio_adds_without_notice_are_signed_and_accepted()
    {
        var number = await ConnectedNumberAsync();
        var form = number.InboundForm(Customer, "Halo");
        form["ReferralNumMedia"] = "0";
        form["ChannelMetadata"] = """{"type":"whatsapp","data":{"context":{"ProfileName":"Budi","WaId":"6281234567890"}}}""";
        form["SomethingNew2027"] = "x";
        var response = await app.PostWebhookAsync(number, form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    // --- W3: routing ------------------------------------------------------------------------------------

    [Fact]
    public async Task W3_each_message_lands_in_the_workspace_of_the_receiving_number()
    {
        var a = await ConnectedNumberAsync();
        var b = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(a, Customer, "Untuk toko A");
        await app.SendWhatsAppAsync(b, Customer, "Untuk toko B");

        Assert.Equal(["Untuk toko A"], (await a.Workspace.TicketsOfAsync()).Select(t => t.Str("subject")));
        Assert.Equal(["Untuk toko B"], (await b.Workspace.TicketsOfAsync()).Select(t => t.Str("subject")));
    }

    [Fact]
    public async Task W3_a_receiving_number_no_workspace_holds_is_404_and_stores_nothing()
    {
        var number = await ConnectedNumberAsync();
        var stranger = number with { Number = "+15559999999" };
        var response = await app.PostWebhookAsync(stranger, stranger.InboundForm(Customer, "Halo"));
        await response.AssertProblemAsync(404);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W3_the_right_number_under_another_account_is_404()
    {
        var number = await ConnectedNumberAsync();
        var otherAccount = number with { AccountSid = TwilioNumbers.NewAccountSid() };
        await (await app.PostWebhookAsync(otherAccount, otherAccount.InboundForm(Customer, "Halo"))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task W3_the_first_webhook_shows_on_the_connection()
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Halo");
        var connection = (await number.Workspace.Api.GetJsonAsync("/api/v1/channels"))[0];
        Assert.NotNull(connection!["lastInboundAt"]);
    }

    // --- W5, W6: threading and new tickets ----------------------------------------------------------------

    [Fact]
    public async Task W6_a_first_message_opens_a_whatsapp_ticket_with_the_customers_details()
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Halo, pesanan saya belum sampai\nNomor INV-2041", profileName: "Budi Santoso");

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal("Halo, pesanan saya belum sampai", ticket.Str("subject"));
        Assert.Equal("whatsapp", ticket.Str("channel"));
        Assert.Equal("open", ticket.Str("status")); // T1
        Assert.Equal(Customer, ticket.Str("requesterPhone"));
        Assert.Equal("Budi Santoso", ticket.Str("requesterName"));
        Assert.Null(ticket!["requesterEmail"]);
        var message = Assert.Single((await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]!.AsArray());
        Assert.Equal("requester", message.Str("author"));
        Assert.Equal("Halo, pesanan saya belum sampai\nNomor INV-2041", message.Str("body"));
    }

    [Theory]
    [InlineData("   \n  Baris pertama  \nBaris kedua", "Baris pertama")]
    [InlineData("", "WhatsApp inquiry")]
    [InlineData("   ", "WhatsApp inquiry")]
    public async Task W6_the_subject_is_the_first_line_trimmed_or_WhatsApp_inquiry(string body, string subject)
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, body);
        Assert.Equal(subject, (await number.Workspace.TicketsOfAsync())[0].Str("subject"));
    }

    [Fact]
    public async Task W6_a_long_first_line_is_cut_to_120_characters_without_splitting_an_emoji()
    {
        var number = await ConnectedNumberAsync();
        var line = new string('a', 119) + "😀 and more"; // the emoji is a surrogate pair at 119–120
        await app.SendWhatsAppAsync(number, Customer, line);
        var subject = (await number.Workspace.TicketsOfAsync())[0].Str("subject");
        Assert.Equal(new string('a', 119), subject);
    }

    [Fact]
    public async Task W5_a_follow_up_appends_to_the_open_ticket()
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Pertama");
        await app.SendWhatsAppAsync(number, Customer, "Kedua");
        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        var messages = (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]!.AsArray();
        Assert.Equal(["Pertama", "Kedua"], messages.Select(m => m.Str("body")));
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("resolved")]
    public async Task W5_T2_a_follow_up_on_a_pending_or_resolved_ticket_reopens_that_ticket(string status)
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Pertama");
        var id = (await number.Workspace.TicketsOfAsync())[0].Int("id");
        await number.Workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body($$"""{"status":"{{status}}"}"""));

        await app.SendWhatsAppAsync(number, Customer, "Masih belum sampai");

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal(id, ticket.Int("id"));
        Assert.Equal("open", ticket.Str("status"));
        Assert.Contains(app.Events, e => e is TicketStatusChanged c && c.TicketId == id && c.To == TicketStatus.Open);
    }

    [Fact]
    public async Task W6_a_message_after_close_opens_a_fresh_ticket()
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Pertama");
        var closed = (await number.Workspace.TicketsOfAsync())[0].Int("id");
        await number.Workspace.Api.PatchAsync($"/api/v1/tickets/{closed}", Json.Body("""{"status":"closed"}"""));

        await app.SendWhatsAppAsync(number, Customer, "Pertanyaan baru");

        var tickets = await number.Workspace.TicketsOfAsync();
        Assert.Equal(2, tickets.Count);
        Assert.Equal("Pertanyaan baru", tickets[0].Str("subject"));
        Assert.Equal("closed", tickets.Single(t => t.Int("id") == closed).Str("status"));
    }

    [Fact]
    public async Task W5_with_several_non_closed_tickets_the_most_recently_active_one_gets_the_message()
    {
        var number = await ConnectedNumberAsync();
        var api = number.Workspace.Api;
        var older = (await api.PostJsonAsync("/api/v1/tickets", new { subject = "Older", channel = "whatsapp", requesterPhone = Customer })).Int("id");
        var newer = (await api.PostJsonAsync("/api/v1/tickets", new { subject = "Newer", channel = "whatsapp", requesterPhone = Customer })).Int("id");

        await app.SendWhatsAppAsync(number, Customer, "Yang mana?");

        var messages = (await api.GetJsonAsync($"/api/v1/tickets/{newer}"))["messages"]!.AsArray();
        Assert.Equal("Yang mana?", messages.Last()!.Str("body"));
        Assert.Empty((await api.GetJsonAsync($"/api/v1/tickets/{older}"))["messages"]!.AsArray());
    }

    [Fact]
    public async Task W5_another_customers_messages_never_thread_into_this_ticket()
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Dari Budi");
        await app.SendWhatsAppAsync(number, "+6285700000001", "Dari Siti");
        Assert.Equal(2, (await number.Workspace.TicketsOfAsync()).Count);
    }

    // --- W7: exactly once ---------------------------------------------------------------------------------

    [Fact]
    public async Task W7_five_retries_of_one_MessageSid_store_one_message()
    {
        var number = await ConnectedNumberAsync();
        var sid = TwilioNumbers.NewMessageSid();
        for (var attempt = 0; attempt < 5; attempt++)
            await app.SendWhatsAppAsync(number, Customer, "Halo", messageSid: sid);

        Assert.Equal(1, await MessageCountAsync(number));
        Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Single(app.Events, e => e is TicketCreated c && c.WorkspaceId == number.Workspace.Id);
    }

    [Fact]
    public async Task W7_twenty_concurrent_first_messages_from_one_phone_make_exactly_one_ticket()
    {
        var number = await ConnectedNumberAsync();
        var sends = Enumerable.Range(1, 20).Select(i => app.SendWhatsAppAsync(number, Customer, $"Pesan {i}"));
        await Task.WhenAll(sends);

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        var messages = (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]!.AsArray();
        Assert.Equal(20, messages.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Pesan {i}").Order(), messages.Select(m => m.Str("body")).Order());
    }

    [Fact]
    public async Task W7_concurrent_retries_of_one_message_store_it_once()
    {
        var number = await ConnectedNumberAsync();
        var sid = TwilioNumbers.NewMessageSid();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.SendWhatsAppAsync(number, Customer, "Halo", messageSid: sid)));
        Assert.Equal(1, await MessageCountAsync(number));
    }

    // --- W8 (part 1): media arrives as pending attachments --------------------------------------------------

    [Fact]
    public async Task W8_a_media_only_message_reads_as_attachment_lines_with_pending_attachments()
    {
        var number = await ConnectedNumberAsync();
        var form = number.InboundForm(Customer, "");
        form["NumMedia"] = "2";
        form["MediaUrl0"] = app.Twilio.AddMedia(number.AccountSid, [0xFF, 0xD8, 0xFF], "image/jpeg");
        form["MediaContentType0"] = "image/jpeg";
        form["MediaUrl1"] = app.Twilio.AddMedia(number.AccountSid, [0x4F, 0x67, 0x67, 0x53], "audio/ogg");
        form["MediaContentType1"] = "audio/ogg";
        // Storage holds the files back, so they are still downloading when we look (they download after the 200).
        app.Twilio.HoldMedia = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Assert.True((await app.PostWebhookAsync(number, form)).IsSuccessStatusCode);
            await AssertPendingMediaMessageAsync(number);
        }
        finally
        {
            app.Twilio.HoldMedia.SetResult();
            app.Twilio.HoldMedia = null;
        }
    }

    private static async Task AssertPendingMediaMessageAsync(TwilioNumber number)
    {

        var ticket = (await number.Workspace.TicketsOfAsync())[0];
        Assert.Equal("WhatsApp inquiry", ticket.Str("subject"));
        var message = (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]![0]!;
        Assert.Equal("[attachment: photo-1.jpg]\n[attachment: voice-2.ogg]", message.Str("body"));
        var attachments = message["attachments"]!.AsArray();
        Assert.Equal(["photo-1.jpg", "voice-2.ogg"], attachments.Select(a => a.Str("fileName")));
        Assert.All(attachments, a => Assert.Equal("pending", a.Str("status")));
    }

    // --- Bad input ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("From", "whatsapp:not-a-phone")]
    [InlineData("From", "")]
    [InlineData("MessageSid", "")]
    [InlineData("NumMedia", "lots")]
    public async Task Garbage_fields_are_400_naming_the_field_and_store_nothing(string field, string value)
    {
        var number = await ConnectedNumberAsync();
        var form = number.InboundForm(Customer, "Halo");
        form[field] = value;
        if (field == "MessageSid")
            form["SmsMessageSid"] = "";
        await (await app.PostWebhookAsync(number, form)).AssertProblemAsync(400, field);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task A_missing_To_is_400()
    {
        var number = await ConnectedNumberAsync();
        var form = number.InboundForm(Customer, "Halo");
        form.Remove("To");
        await (await app.PostWebhookAsync(number, form)).AssertProblemAsync(400, "To");
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_400()
    {
        var response = await app.CreateClient().PostAsync("/webhooks/twilio/whatsapp", Json.Body("""{"From":"x"}"""));
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task A_body_too_large_is_400_and_stores_nothing()
    {
        var number = await ConnectedNumberAsync();
        var response = await app.PostWebhookAsync(number, number.InboundForm(Customer, new string('x', 300 * 1024)));
        await response.AssertProblemAsync(400);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    // --- Events ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Storing_a_message_publishes_TicketCreated_then_MessageAdded_for_the_live_inbox()
    {
        var number = await ConnectedNumberAsync();
        await app.SendWhatsAppAsync(number, Customer, "Halo");
        var mine = app.Events.Where(e => e switch
        {
            TicketCreated c => c.WorkspaceId == number.Workspace.Id,
            MessageAdded m => m.WorkspaceId == number.Workspace.Id,
            _ => false,
        }).ToList();
        Assert.Collection(mine, e => Assert.IsType<TicketCreated>(e), e => Assert.IsType<MessageAdded>(e));
    }

    // --- W18: customers without a number ----------------------------------------------------------------------

    [Theory]
    [InlineData("whatsapp:ID.4566abcDEF", null)]
    [InlineData("whatsapp:ID.4566abcDEF", "whatsapp:ID.4566abcDEF")]
    [InlineData("whatsapp:6281234567890", "whatsapp:ID.4566abcDEF")] // digits without a plus are no E.164 number either
    public async Task W18_a_twilio_customer_known_by_user_id_gets_a_ticket_without_a_phone_and_replies_go_to_the_id(string from, string? externalUserId)
    {
        var number = await ConnectedNumberAsync();
        var form = number.InboundForm(Customer, "Halo dari username");
        form["From"] = from;
        form.Remove("WaId");
        if (externalUserId is not null)
            form["ExternalUserId"] = externalUserId;
        Assert.True((await app.PostWebhookAsync(number, form)).IsSuccessStatusCode);

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Null(ticket!["requesterPhone"]);
        Assert.Equal("ID.4566abcDEF", ticket.Str("requesterWhatsAppId"));

        var body = $"Balasan #{Guid.NewGuid():N}";
        var reply = await number.Workspace.ReplyAsync(ticket.Int("id"), body);
        await number.Workspace.WaitForDeliveryAsync(ticket.Int("id"), reply.Int("id"), "sent");
        Assert.Equal("whatsapp:ID.4566abcDEF", Assert.Single(app.Twilio.Messages, m => m.Body == body).To);
    }
}
