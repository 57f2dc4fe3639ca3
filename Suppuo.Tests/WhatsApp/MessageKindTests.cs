using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W22: what customers send on WhatsApp — locations, contacts, taps, stickers, voice notes, reactions — as they meant it, on both providers.</summary>
public class MessageKindTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Customer = "6281234567890";

    private static async Task<JsonNode> LastMessageAsync(TestWorkspace workspace)
    {
        var ticket = Assert.Single(await workspace.TicketsOfAsync());
        return (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket!.Int("id")}"))["messages"]!.AsArray().Last()!;
    }

    private async Task<JsonNode> CloudMessageAsync(string type, string content, string? wamid = null)
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var message = CloudNumbers.OfType(Customer, type, new JsonObject());
        message[type] = JsonNode.Parse(content);
        if (wamid is not null) message["id"] = wamid;
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(number.Notification(message), number.AppSecret)).StatusCode);
        return await LastMessageAsync(number.Workspace);
    }

    private async Task<(JsonNode Message, TwilioNumber Number)> TwilioMessageAsync(string? body, params (string Name, string Value)[] fields)
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var form = number.InboundForm("+" + Customer, body);
        foreach (var (name, value) in fields)
            form[name] = value;
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(number, form)).StatusCode);
        return (await LastMessageAsync(number.Workspace), number);
    }

    [Fact]
    public async Task W22_a_text_message_is_kind_text()
    {
        Assert.Equal("text", (await CloudMessageAsync("text", """{"body":"Halo"}"""))!.Str("kind"));
        Assert.Equal("text", (await TwilioMessageAsync("Halo")).Message.Str("kind"));
    }

    [Fact]
    public async Task W22_a_cloud_location_shows_name_address_coordinates_and_an_openstreetmap_link_even_from_strings()
    {
        var message = await CloudMessageAsync("location", """{"latitude":"-6.175392","longitude":"106.827153","name":"Monas","address":"Gambir, Jakarta Pusat"}""");
        Assert.Equal("location", message.Str("kind"));
        Assert.Equal("📍 Monas\nGambir, Jakarta Pusat\n-6.175392, 106.827153\nhttps://www.openstreetmap.org/?mlat=-6.175392&mlon=106.827153#map=17/-6.175392/106.827153",
            message.Str("body"));
    }

    [Fact]
    public async Task W22_a_twilio_location_reads_label_address_and_map_link()
    {
        var (message, _) = await TwilioMessageAsync("", ("MessageType", "location"), ("Latitude", "-6.2"), ("Longitude", "106.8"), ("Label", "Monas"), ("Address", "Jakarta"));
        Assert.Equal("location", message.Str("kind"));
        Assert.Equal("📍 Monas\nJakarta\n-6.2, 106.8\nhttps://www.openstreetmap.org/?mlat=-6.2&mlon=106.8#map=17/-6.2/106.8", message.Str("body"));
    }

    [Fact]
    public async Task W22_cloud_contacts_list_names_and_numbers_and_attach_a_vcf_even_for_a_card_without_a_phone()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var message = CloudNumbers.OfType(Customer, "contacts", new JsonObject());
        message["contacts"] = JsonNode.Parse("""
            [{"name":{"formatted_name":"Siti Rahma","first_name":"Siti"},"phones":[{"phone":"+62 857 0000 0001","wa_id":"6285700000001","type":"CELL"}]},
             {"name":{"formatted_name":"Kantor Pos"},"emails":[{"email":"info@pos.example"}]}]
            """);
        await app.PostMetaAsync(number.Notification(message), number.AppSecret);

        var stored = await LastMessageAsync(number.Workspace);
        Assert.Equal("contacts", stored.Str("kind"));
        Assert.Equal("👤 Siti Rahma: +62 857 0000 0001\n👤 Kantor Pos", stored.Str("body"));
        var attachment = Assert.Single(stored["attachments"]!.AsArray())!;
        Assert.Equal("contacts.vcf", attachment.Str("fileName"));
        var ready = await Eventually.WaitForAsync(() => LastMessageAsync(number.Workspace),
            m => m["attachments"]![0]!.Str("status") == "ready", "the .vcf is stored without a download");
        var file = await number.Workspace.Api.GetStringAsync($"/api/v1/attachments/{ready["attachments"]![0]!.Int("id")}");
        Assert.Contains("FN:Siti Rahma", file);
        Assert.Contains("TEL;TYPE=CELL;waid=6285700000001:+62 857 0000 0001", file);
        Assert.Contains("EMAIL:info@pos.example", file);
    }

    [Theory]
    [InlineData("interactive", """{"type":"button_reply","button_reply":{"id":"yes","title":"Ya, benar"}}""", "Ya, benar")]
    [InlineData("interactive", """{"type":"list_reply","list_reply":{"id":"r2","title":"Kirim ulang","description":"Paket dikirim lagi"}}""", "Kirim ulang")]
    [InlineData("button", """{"text":"Lacak paket","payload":"track"}""", "Lacak paket")]
    public async Task W22_button_and_list_replies_read_as_their_titles(string type, string content, string title)
    {
        var message = await CloudMessageAsync(type, content);
        Assert.Equal("interactive", message.Str("kind"));
        Assert.Equal(title, message.Str("body"));
    }

    [Fact]
    public async Task W22_a_twilio_button_tap_reads_as_its_title()
    {
        var (message, _) = await TwilioMessageAsync("Lacak paket", ("MessageType", "button"), ("ButtonText", "Lacak paket"), ("ButtonPayload", "track"));
        Assert.Equal("interactive", message.Str("kind"));
        Assert.Equal("Lacak paket", message.Str("body"));
    }

    [Fact]
    public async Task W22_a_sticker_is_a_webp_image_and_a_voice_note_a_voice_audio_attachment()
    {
        var sticker = await CloudMessageAsync("sticker", """{"id":"1555000201","mime_type":"image/webp","sha256":"x","animated":false}""");
        Assert.Equal("media", sticker.Str("kind"));
        Assert.Equal("sticker-1.webp", sticker["attachments"]![0]!.Str("fileName"));
        Assert.Equal("image/webp", sticker["attachments"]![0]!.Str("contentType"));

        var voice = await CloudMessageAsync("audio", """{"id":"1555000202","mime_type":"audio/ogg; codecs=opus","sha256":"x","voice":true}""");
        Assert.Equal("media", voice.Str("kind"));
        Assert.Equal("voice-1.ogg", voice["attachments"]![0]!.Str("fileName"));

        var (twilioVoice, _) = await TwilioMessageAsync("", ("NumMedia", "1"), ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"),
            ("MediaContentType0", "audio/ogg"), ("MessageType", "audio"));
        Assert.Equal("media", twilioVoice.Str("kind"));
        Assert.Equal("voice-1.ogg", twilioVoice["attachments"]![0]!.Str("fileName"));
    }

    [Fact]
    public async Task W22_a_twilio_vcard_is_kind_contacts()
    {
        var (message, _) = await TwilioMessageAsync("", ("NumMedia", "1"), ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2"),
            ("MediaContentType0", "text/vcard"));
        Assert.Equal("contacts", message.Str("kind"));
    }

    [Fact]
    public async Task W22_an_internal_note_is_kind_note()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticketId = await workspace.WhatsAppTicketAsync();
        var note = await workspace.ReplyAsync(ticketId, "Cek gudang dulu", isInternal: true);
        Assert.Equal("note", note.Str("kind"));
    }

    // --- Reactions ------------------------------------------------------------------------------------------

    [Fact]
    public async Task W22_a_reaction_twice_is_one_badge_on_the_message_and_changes_no_status_and_no_message_count()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Paket saya di mana?", "wamid.REACT-TARGET-" + number.PhoneNumberId)), number.AppSecret);
        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync())!;
        (await number.Workspace.Api.PatchAsync($"/api/v1/tickets/{ticket.Int("id")}", Json.Body("""{"status":"resolved"}"""))).EnsureSuccessStatusCode();

        var reaction = CloudNumbers.OfType(Customer, "reaction", new JsonObject());
        reaction["id"] = "wamid.REACTION-" + number.PhoneNumberId;
        reaction["reaction"] = JsonNode.Parse($$"""{"message_id":"wamid.REACT-TARGET-{{number.PhoneNumberId}}","emoji":"👍"}""");
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(number.Notification((JsonObject)reaction.DeepClone()), number.AppSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(number.Notification((JsonObject)reaction.DeepClone()), number.AppSecret)).StatusCode); // Meta's retry

        var after = await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}");
        Assert.Equal("resolved", after.Str("status"));
        // Resolving may add the rating question; the reaction adds no message of its own.
        var message = Assert.Single(after["messages"]!.AsArray(), m => m!.Str("author") == "requester")!;
        Assert.DoesNotContain(after["messages"]!.AsArray(), m => m!.Str("body").Contains("👍"));
        var badge = Assert.Single(message["reactions"]!.AsArray())!;
        Assert.Equal("👍", badge.Str("emoji"));
        Assert.Equal("requester", badge.Str("by"));

        // An empty emoji removes it.
        reaction["id"] = "wamid.UNREACT-" + number.PhoneNumberId;
        reaction["timestamp"] = (long.Parse(reaction["timestamp"]!.GetValue<string>()) + 5).ToString();
        reaction["reaction"] = JsonNode.Parse($$"""{"message_id":"wamid.REACT-TARGET-{{number.PhoneNumberId}}","emoji":""}""");
        await app.PostMetaAsync(number.Notification((JsonObject)reaction.DeepClone()), number.AppSecret);
        var removed = await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}");
        Assert.Empty(removed["messages"]!.AsArray().Single(m => m!.Str("author") == "requester")!["reactions"]!.AsArray());
        Assert.Equal("resolved", removed.Str("status"));
    }

    [Fact]
    public async Task W22_a_reaction_to_a_message_never_stored_is_answered_200_and_stores_nothing()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var reaction = CloudNumbers.OfType(Customer, "reaction", new JsonObject());
        reaction["reaction"] = JsonNode.Parse("""{"message_id":"wamid.NEVER-STORED","emoji":"❤️"}""");
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(number.Notification((JsonObject)reaction.DeepClone()), number.AppSecret)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.Ticket.WorkspaceId == number.Workspace.Id)));
    }

    [Fact]
    public async Task W22_an_agent_reaction_on_a_cloud_number_reaches_meta_as_type_reaction_and_an_empty_emoji_removes_it()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var wamid = "wamid.AGENT-REACT-" + number.PhoneNumberId;
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Terima kasih!", wamid)), number.AppSecret);
        var message = await LastMessageAsync(number.Workspace);

        var response = await number.Workspace.Api.PostAsync($"/api/v1/messages/{message.Int("id")}/reactions", Json.Body("""{"emoji":"❤️"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(app.Meta.Sent, s => s.PhoneNumberId == number.PhoneNumberId && s.Body["type"]?.GetValue<string>() == "reaction").Body;
        Assert.Equal(wamid, sent["reaction"]!["message_id"]!.GetValue<string>());
        Assert.Equal("❤️", sent["reaction"]!["emoji"]!.GetValue<string>());
        Assert.Equal(Customer, sent["to"]!.GetValue<string>());
        var badge = Assert.Single((await LastMessageAsync(number.Workspace))["reactions"]!.AsArray())!;
        Assert.Equal("agent", badge.Str("by"));

        Assert.Equal(HttpStatusCode.Accepted, (await number.Workspace.Api.PostAsync($"/api/v1/messages/{message.Int("id")}/reactions", Json.Body("""{"emoji":""}"""))).StatusCode);
        Assert.Contains(app.Meta.Sent, s => s.PhoneNumberId == number.PhoneNumberId && s.Body["type"]?.GetValue<string>() == "reaction"
            && s.Body["reaction"]!["emoji"]!.GetValue<string>() == "");
        Assert.Empty((await LastMessageAsync(number.Workspace))["reactions"]!.AsArray());
    }

    [Fact]
    public async Task W22_an_agent_reaction_on_a_twilio_number_is_409_saying_twilio_does_not_support_it()
    {
        var (message, number) = await TwilioMessageAsync("Terima kasih!");
        var response = await number.Workspace.Api.PostAsync($"/api/v1/messages/{message.Int("id")}/reactions", Json.Body("""{"emoji":"👍"}"""));
        var problem = await response.AssertProblemAsync(409);
        Assert.Contains("Twilio", problem.Str("detail"));
        Assert.Empty((await LastMessageAsync(number.Workspace))["reactions"]!.AsArray());
    }

    // --- Quoted replies ---------------------------------------------------------------------------------------

    [Fact]
    public async Task W22_a_cloud_message_quoting_our_reply_links_to_it_with_replyToMessageId()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Kapan dikirim?")), number.AppSecret);
        var ticketId = Assert.Single(await number.Workspace.TicketsOfAsync())!.Int("id");
        var reply = await number.Workspace.ReplyAsync(ticketId, "Besok pagi");
        var wamid = await Eventually.UntilAsync(() => app.WithDbAsync(db => db.Deliveries
            .Where(d => d.MessageId == reply.Int("id") && d.ProviderMessageId != null).Select(d => d.ProviderMessageId).FirstOrDefaultAsync()), "the reply is sent");

        var quoting = CloudNumbers.Text(Customer, "Jam berapa?");
        quoting["context"] = new JsonObject { ["from"] = "622150001234", ["id"] = wamid };
        await app.PostMetaAsync(number.Notification(quoting), number.AppSecret);

        // Found by its text: Meta's timestamp is in whole seconds, so it may sort before the reply it quotes.
        var thread = (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["messages"]!.AsArray();
        var quoted = Assert.Single(thread, m => m!.Str("body") == "Jam berapa?")!;
        Assert.Equal(reply.Int("id"), quoted["replyToMessageId"]!.GetValue<int>());
    }

    [Fact]
    public async Task W22_a_twilio_swipe_reply_links_by_OriginalRepliedMessageSid_and_an_unknown_quote_links_nothing()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var firstSid = TwilioNumbers.NewMessageSid();
        await app.PostWebhookAsync(number, number.InboundForm("+" + Customer, "Pesanan 123", firstSid));
        var first = await LastMessageAsync(number.Workspace);

        var quoting = number.InboundForm("+" + Customer, "Yang ini");
        quoting["OriginalRepliedMessageSid"] = firstSid;
        quoting["OriginalRepliedMessageSender"] = "whatsapp:+" + Customer;
        await app.PostWebhookAsync(number, quoting);
        Assert.Equal(first.Int("id"), (await LastMessageAsync(number.Workspace))["replyToMessageId"]!.GetValue<int>());

        var unknown = number.InboundForm("+" + Customer, "Dan ini");
        unknown["OriginalRepliedMessageSid"] = "SM" + new string('0', 32);
        await app.PostWebhookAsync(number, unknown);
        var last = await LastMessageAsync(number.Workspace);
        Assert.Equal("Dan ini", last.Str("body"));
        Assert.Null(last["replyToMessageId"]);
    }

    // --- Edits and deletes ------------------------------------------------------------------------------------

    private static JsonObject Change(string type, string target, JsonNode? content, int secondsLater)
    {
        var change = CloudNumbers.OfType(Customer, type, new JsonObject());
        var body = content is null ? new JsonObject { ["original_message_id"] = target } : new JsonObject { ["original_message_id"] = target, ["message"] = content };
        change[type] = body;
        change["timestamp"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + secondsLater).ToString();
        return change;
    }

    [Fact]
    public async Task W22_an_edit_shows_the_new_text_keeps_the_earlier_and_a_revoke_marks_it_deleted_both_idempotent()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var wamid = "wamid.EDIT-TARGET-" + number.PhoneNumberId;
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Alamat: Jl. Mawar 1", wamid)), number.AppSecret);
        var ticketId = Assert.Single(await number.Workspace.TicketsOfAsync())!.Int("id");
        (await number.Workspace.Api.PatchAsync($"/api/v1/tickets/{ticketId}", Json.Body("""{"status":"pending"}"""))).EnsureSuccessStatusCode();

        var edit = Change("edit", wamid, JsonNode.Parse("""{"type":"text","text":{"body":"Alamat: Jl. Melati 2"}}"""), 5);
        await app.PostMetaAsync(number.Notification((JsonObject)edit.DeepClone()), number.AppSecret);
        await app.PostMetaAsync(number.Notification((JsonObject)edit.DeepClone()), number.AppSecret); // Meta's retry

        var ticket = await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}");
        Assert.Equal("pending", ticket.Str("status"));
        var message = Assert.Single(ticket["messages"]!.AsArray())!;
        Assert.Equal("Alamat: Jl. Melati 2", message.Str("body"));
        Assert.NotNull(message["editedAt"]);
        Assert.Equal("Alamat: Jl. Mawar 1", await app.WithDbAsync(db => db.Messages.Where(m => m.Id == message.Int("id")).Select(m => m.OriginalBody).SingleAsync()));

        var revoke = Change("revoke", wamid, null, 10);
        await app.PostMetaAsync(number.Notification((JsonObject)revoke.DeepClone()), number.AppSecret);
        var deletedAt = (await LastMessageAsync(number.Workspace))["deletedAt"]!.GetValue<DateTime>();
        await app.PostMetaAsync(number.Notification((JsonObject)revoke.DeepClone()), number.AppSecret);
        var after = await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}");
        Assert.Single(after["messages"]!.AsArray());
        Assert.Equal(deletedAt, after["messages"]![0]!["deletedAt"]!.GetValue<DateTime>());
        Assert.Equal("pending", after.Str("status"));
    }

    [Fact]
    public async Task W22_an_edit_of_a_message_never_stored_is_stored_as_a_readable_message()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var edit = Change("edit", "wamid.NEVER-SEEN", JsonNode.Parse("""{"type":"text","text":{"body":"Koreksi: 3 buah"}}"""), 0);
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(number.Notification(edit), number.AppSecret)).StatusCode);
        var message = await LastMessageAsync(number.Workspace);
        Assert.Equal("Koreksi: 3 buah", message.Str("body"));
        Assert.Equal("requester", message.Str("author"));
    }

    [Fact]
    public async Task W22_an_unsupported_edit_131051_is_a_readable_system_note_that_reopens_nothing()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Halo")), number.AppSecret);
        var ticketId = Assert.Single(await number.Workspace.TicketsOfAsync())!.Int("id");
        (await number.Workspace.Api.PatchAsync($"/api/v1/tickets/{ticketId}", Json.Body("""{"status":"pending"}"""))).EnsureSuccessStatusCode();

        var unsupported = CloudNumbers.OfType(Customer, "unsupported", new JsonObject { ["type"] = "edit" });
        unsupported["errors"] = JsonNode.Parse("""[{"code":131051,"title":"Message type unknown","message":"Message type unknown"}]""");
        unsupported["timestamp"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5).ToString();
        await app.PostMetaAsync(number.Notification(unsupported), number.AppSecret);

        var ticket = await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}");
        Assert.Equal("pending", ticket.Str("status"));
        var note = ticket["messages"]!.AsArray().Last()!;
        Assert.Equal("system", note.Str("author"));
        Assert.Equal("system", note.Str("kind"));
        Assert.Contains("edited a message", note.Str("body"));
    }
}
