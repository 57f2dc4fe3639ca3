using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W1–W7, W9 and W18 for a workspace that brings its own Meta Cloud API number, against the fake Graph API.</summary>
public class CloudApiTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Customer = "6281234567890";

    private async Task<CloudNumber> ConnectedAsync() => await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());

    private async Task<int> MessageCountAsync(CloudNumber number) =>
        await app.WithDbAsync(db => db.Messages.CountAsync(m => m.Ticket.WorkspaceId == number.Workspace.Id));

    private async Task<JsonNode> OnlyMessageAsync(CloudNumber number)
    {
        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        return (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket!.Int("id")}"))["messages"]!.AsArray().Last()!;
    }

    // --- W1, W2: connect ------------------------------------------------------------------------------------

    [Fact]
    public async Task W1_connect_checks_the_number_with_graph_and_returns_callback_url_and_a_generated_verify_token()
    {
        var workspace = await app.CreateWorkspaceAsync();
        app.Meta.AddPhoneNumber("400000000000001", "good-token", "good-secret");
        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/cloud",
            new { phoneNumberId = "400000000000001", accessToken = "good-token", appSecret = "good-secret" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("good-token", text);
        Assert.DoesNotContain("good-secret", text);
        var connection = await response.ReadJsonAsync();
        Assert.Equal("cloud", connection.Str("provider"));
        Assert.Equal("400000000000001", connection.Str("phoneNumberId"));
        Assert.Equal("+622150001234", connection.Str("phoneNumber"));
        Assert.Equal("https://suppuo.example.com/webhooks/meta/whatsapp", connection.Str("webhookUrl"));
        Assert.Equal(32, connection.Str("verifyToken").Length);
        Assert.Contains(app.Meta.Requests, r => r.StartsWith("GET /v24.0/400000000000001?", StringComparison.Ordinal) && r.Contains("appsecret_proof="));
    }

    [Theory]
    [InlineData("bad-token", "good-secret", "accessToken")]
    [InlineData("good-token", "bad-secret", "appSecret")]
    public async Task W1_credentials_graph_refuses_are_422_naming_the_field(string token, string secret, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = CloudNumbers.NewPhoneNumberId();
        app.Meta.AddPhoneNumber(id, "good-token", "good-secret");
        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/cloud", new { phoneNumberId = id, accessToken = token, appSecret = secret });
        await response.AssertProblemAsync(422, field);
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray());
    }

    [Fact]
    public async Task W1_an_unknown_phone_number_id_is_422_naming_phoneNumberId()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/cloud", new { phoneNumberId = "499999999999999", accessToken = "t", appSecret = "s" });
        await response.AssertProblemAsync(422, "phoneNumberId");
    }

    [Theory]
    [InlineData("""{"accessToken":"t","appSecret":"s"}""", "phoneNumberId")]
    [InlineData("""{"phoneNumberId":"+62 21 5000","accessToken":"t","appSecret":"s"}""", "phoneNumberId")]
    [InlineData("""{"phoneNumberId":"400000000000009","appSecret":"s"}""", "accessToken")]
    [InlineData("""{"phoneNumberId":"400000000000009","accessToken":"t"}""", "appSecret")]
    public async Task W1_malformed_cloud_credentials_are_400_naming_the_field(string json, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PostAsync("/api/v1/channels/whatsapp/cloud", Json.Body(json))).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task W2_a_phone_number_id_another_workspace_holds_is_409()
    {
        var first = await ConnectedAsync();
        var second = await app.CreateWorkspaceAsync();
        var response = await second.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/cloud",
            new { phoneNumberId = first.PhoneNumberId, accessToken = first.AccessToken, appSecret = first.AppSecret });
        await response.AssertProblemAsync(409);
    }

    [Fact]
    public async Task W26_another_workspaces_phone_number_id_with_wrong_credentials_is_422_never_revealing_it_is_taken()
    {
        var first = await ConnectedAsync();
        var prober = await app.CreateWorkspaceAsync();
        var response = await prober.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/cloud",
            new { phoneNumberId = first.PhoneNumberId, accessToken = "fake-meta-token-guess", appSecret = "guess" });
        await response.AssertProblemAsync(422, "accessToken");
    }

    [Fact]
    public async Task W19_with_two_numbers_connected_the_first_stays_the_default_and_activeForReplies_is_its_alias()
    {
        // Changed by W19: the beta's "most recently connected sends" now holds only within one number; across numbers the
        // first connected is the default, and connecting more never moves it.
        var workspace = await app.CreateWorkspaceAsync();
        var twilio = await app.ConnectTwilioAsync(workspace);
        var cloud = await app.ConnectCloudAsync(workspace);
        var channels = (await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray();
        Assert.Equal(2, channels.Count);
        foreach (var (id, isDefault) in new[] { (twilio.ConnectionId, true), (cloud.ConnectionId, false) })
        {
            var channel = channels.Single(c => c!.Int("id") == id)!;
            Assert.Equal(isDefault, channel["isDefault"]!.GetValue<bool>());
            Assert.Equal(isDefault, channel["activeForReplies"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task Put_on_a_cloud_connection_rechecks_its_new_token()
    {
        var number = await ConnectedAsync();
        var wrong = await number.Workspace.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { phoneNumberId = number.PhoneNumberId, accessToken = "expired", appSecret = number.AppSecret });
        await wrong.AssertProblemAsync(422, "accessToken");
        var right = await number.Workspace.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { phoneNumberId = number.PhoneNumberId, accessToken = number.AccessToken, appSecret = number.AppSecret });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    // --- Handshake ------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_handshake_echoes_the_challenge_for_a_verify_token_a_connection_holds_and_records_it()
    {
        var number = await ConnectedAsync();
        var response = await app.CreateClient().GetAsync($"/webhooks/meta/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={number.VerifyToken}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
        Assert.NotNull((await number.Workspace.Api.GetJsonAsync("/api/v1/channels"))[0]!["verifiedAt"]);
    }

    [Theory]
    [InlineData("subscribe", "not-a-token")]
    [InlineData("unsubscribe", null)]
    public async Task The_handshake_is_403_for_any_other_token_or_mode(string mode, string? token)
    {
        var number = await ConnectedAsync();
        var response = await app.CreateClient().GetAsync($"/webhooks/meta/whatsapp?hub.mode={mode}&hub.challenge=42&hub.verify_token={token ?? number.VerifyToken}");
        await response.AssertProblemAsync(403);
    }

    // --- W4: authenticity ---------------------------------------------------------------------------------

    [Fact]
    public async Task W4_a_missing_or_wrong_signature_is_403_and_stores_nothing()
    {
        var number = await ConnectedAsync();
        var json = number.Notification(CloudNumbers.Text(Customer, "Halo"));
        await (await app.PostMetaAsync(json, number.AppSecret, sign: false)).AssertProblemAsync(403);
        await (await app.PostMetaAsync(json, "another-apps-secret")).AssertProblemAsync(403);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W4_the_signature_covers_the_raw_bytes_with_escaped_non_ascii()
    {
        var number = await ConnectedAsync();
        var json = number.Notification(CloudNumbers.Text(Customer, "placeholder")).Replace("placeholder", "Caf\\u00e9 \\ud83d\\ude00");
        var response = await app.PostMetaAsync(json, number.AppSecret);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("Café 😀", (await OnlyMessageAsync(number)).Str("body"));
    }

    // --- W3, W5–W7: routing, tickets, exactly once -----------------------------------------------------------

    [Fact]
    public async Task W6_a_text_message_opens_a_whatsapp_ticket_with_the_profile_name_and_e164_phone()
    {
        var number = await ConnectedAsync();
        var response = await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Halo, pesanan saya belum sampai")), number.AppSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal("Halo, pesanan saya belum sampai", ticket!.Str("subject"));
        Assert.Equal("+6281234567890", ticket.Str("requesterPhone"));
        Assert.Equal("Budi", ticket.Str("requesterName"));
        Assert.Equal("whatsapp", ticket.Str("channel"));
    }

    [Fact]
    public async Task W3_an_unknown_phone_number_id_is_404_and_stores_nothing()
    {
        var number = await ConnectedAsync();
        var stranger = number with { PhoneNumberId = "499999999999998" };
        await (await app.PostMetaAsync(stranger.Notification(CloudNumbers.Text(Customer, "Halo")), number.AppSecret)).AssertProblemAsync(404);
        Assert.Equal(0, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W7_a_batch_stores_every_message_and_a_redelivered_wamid_is_stored_once()
    {
        var number = await ConnectedAsync();
        var json = number.Notification(CloudNumbers.Text(Customer, "Dari Budi", "wamid.A1"), CloudNumbers.Text("6285700000001", "Dari Siti", "wamid.A2"));
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(json, number.AppSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(json, number.AppSecret)).StatusCode); // Meta retries

        Assert.Equal(2, (await number.Workspace.TicketsOfAsync()).Count);
        Assert.Equal(2, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W7_a_redelivery_after_the_number_was_disconnected_and_connected_again_is_still_stored_once()
    {
        var number = await ConnectedAsync();
        var json = number.Notification(CloudNumbers.Text(Customer, "Sekali saja", "wamid.RECONNECT1"));
        await app.PostMetaAsync(json, number.AppSecret);
        await number.Workspace.Api.DeleteAsync($"/api/v1/channels/{number.ConnectionId}");
        await number.Workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/cloud",
            new { phoneNumberId = number.PhoneNumberId, accessToken = number.AccessToken, appSecret = number.AppSecret });

        Assert.Equal(HttpStatusCode.OK, (await app.PostMetaAsync(json, number.AppSecret)).StatusCode); // Meta keeps retrying for days
        Assert.Equal(1, await MessageCountAsync(number));
    }

    [Fact]
    public async Task W5_a_follow_up_threads_into_the_customers_ticket()
    {
        var number = await ConnectedAsync();
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Satu")), number.AppSecret);
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(Customer, "Dua")), number.AppSecret);
        Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal(2, await MessageCountAsync(number));
    }

    // --- W9: media and every other type ---------------------------------------------------------------------

    [Fact]
    public async Task W9_an_image_is_stored_with_its_caption_and_an_attachment_named_by_kind()
    {
        var number = await ConnectedAsync();
        app.Meta.AddMedia("1555000111", "jpeg"u8.ToArray(), "image/jpeg");
        var image = CloudNumbers.OfType(Customer, "image", new JsonObject { ["id"] = "1555000111", ["mime_type"] = "image/jpeg", ["caption"] = "Paketnya rusak" });
        await app.PostMetaAsync(number.Notification(image), number.AppSecret);
        var message = await OnlyMessageAsync(number);
        Assert.Equal("Paketnya rusak", message.Str("body"));
        var attachment = Assert.Single(message["attachments"]!.AsArray());
        Assert.Equal("photo-1.jpg", attachment!.Str("fileName"));
        Assert.Contains(attachment.Str("status"), new[] { "pending", "ready" }); // the download runs after the 200
    }

    [Fact]
    public async Task W9_a_document_keeps_the_customers_file_name_and_reads_as_an_attachment_line()
    {
        var number = await ConnectedAsync();
        var document = CloudNumbers.OfType(Customer, "document", new JsonObject { ["id"] = "1555000112", ["mime_type"] = "application/pdf", ["filename"] = "Invoice INV-2041.pdf" });
        await app.PostMetaAsync(number.Notification(document), number.AppSecret);
        var message = await OnlyMessageAsync(number);
        Assert.Equal("[attachment: Invoice INV-2041.pdf]", message.Str("body"));
    }

    [Fact]
    public async Task W26_a_message_holding_invalid_utf8_is_stored_readable_and_the_valid_message_after_it_too()
    {
        var number = await ConnectedAsync();
        var json = number.Notification(CloudNumbers.Text(Customer, "Halo BROKEN dunia"), CloudNumbers.Text(Customer, "Pesan kedua"));
        // A correctly signed body whose first text holds bytes that are no UTF-8 at all (a lone 0xC3, then 0xFF).
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = bytes.AsSpan().IndexOf("BROKEN"u8);
        byte[] poisoned = [.. bytes[..at], 0xC3, 0x28, 0xFF, .. bytes[(at + "BROKEN".Length)..]];

        var response = await app.PostMetaAsync(poisoned, number.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bodies = await app.WithDbAsync(db => db.Messages.Where(m => m.Ticket.WorkspaceId == number.Workspace.Id).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
        Assert.Equal(["Halo \uFFFD(\uFFFD dunia", "Pesan kedua"], bodies);
    }

    [Fact]
    public async Task W26_a_document_file_name_longer_than_its_column_is_stored_cut_with_its_extension()
    {
        var number = await ConnectedAsync();
        var longName = new string('n', 296) + ".pdf";
        var document = CloudNumbers.OfType(Customer, "document", new JsonObject { ["id"] = "1555000113", ["mime_type"] = "application/pdf", ["filename"] = longName });

        var response = await app.PostMetaAsync(number.Notification(document), number.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Attachments.Where(a => a.Message.Ticket.WorkspaceId == number.Workspace.Id).Select(a => a.FileName).SingleAsync());
        Assert.Equal(255, stored.Length);
        Assert.EndsWith("nnn.pdf", stored);
    }

    [Theory]
    // W22 changed how these read (a map link, contact lines, the tapped title) and made a reaction no message at all.
    [InlineData("location", """{"latitude":-6.2,"longitude":106.8,"name":"Monas"}""", "📍 Monas\n-6.2, 106.8\nhttps://www.openstreetmap.org/?mlat=-6.2&mlon=106.8#map=17/-6.2/106.8")]
    [InlineData("contacts", """[{"name":{"formatted_name":"Siti"},"phones":[{"phone":"+62 857 0000 0001"}]}]""", "👤 Siti: +62 857 0000 0001")]
    [InlineData("interactive", """{"type":"button_reply","button_reply":{"id":"yes","title":"Ya, benar"}}""", "Ya, benar")]
    [InlineData("unsupported", """{"type":"poll_creation"}""", "[unsupported message: poll_creation]")]
    public async Task W9_every_other_type_becomes_a_readable_requester_message(string type, string content, string body)
    {
        var number = await ConnectedAsync();
        var message = CloudNumbers.OfType(Customer, type, new JsonObject());
        message[type] = JsonNode.Parse(content);
        await app.PostMetaAsync(number.Notification(message), number.AppSecret);
        Assert.Equal(body, (await OnlyMessageAsync(number)).Str("body"));
    }

    // --- W18: customers without a number -------------------------------------------------------------------

    [Fact]
    public async Task W18_a_user_id_without_a_phone_makes_a_ticket_without_requesterPhone_and_gains_the_phone_later()
    {
        var number = await ConnectedAsync();
        var withoutPhone = CloudNumbers.Text("ID.4566abcDEF", "Halo tanpa nomor");
        withoutPhone.Remove("from");
        withoutPhone["from_user_id"] = "ID.4566abcDEF";
        var json = JsonNode.Parse(number.Notification(withoutPhone))!;
        json["entry"]![0]!["changes"]![0]!["value"]!["contacts"] = JsonNode.Parse("""[{"profile":{"name":"Anon"},"user_id":"ID.4566abcDEF"}]""");
        await app.PostMetaAsync(json.ToJsonString(), number.AppSecret);

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Null(ticket!["requesterPhone"]);
        Assert.Equal("ID.4566abcDEF", ticket.Str("requesterWhatsAppId"));
        Assert.Equal("Anon", ticket.Str("requesterName"));

        var withPhone = CloudNumbers.Text(Customer, "Ini nomor saya");
        withPhone["from_user_id"] = "ID.4566abcDEF";
        await app.PostMetaAsync(number.Notification(withPhone), number.AppSecret);
        var after = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal("+6281234567890", after!.Str("requesterPhone"));
    }

    [Theory]
    [InlineData("6281234567890")] // all digits, yet the user id Meta names for this message
    [InlineData("US.123456")]
    public async Task W18_a_user_id_in_from_is_never_stored_as_a_phone(string userId)
    {
        var number = await ConnectedAsync();
        var json = JsonNode.Parse(number.Notification(CloudNumbers.Text(userId, "Halo dari username")))!;
        json["entry"]![0]!["changes"]![0]!["value"]!["contacts"] = JsonNode.Parse($$"""[{"profile":{"name":"Anon"},"user_id":"{{userId}}"}]""");
        await app.PostMetaAsync(json.ToJsonString(), number.AppSecret);

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Null(ticket!["requesterPhone"]);
        Assert.Equal(userId, ticket.Str("requesterWhatsAppId"));
    }

    // --- Bad input --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[")]
    [InlineData("[1,2,3]")]
    public async Task A_body_that_cannot_be_parsed_is_400(string body)
    {
        var number = await ConnectedAsync();
        await (await app.PostMetaAsync(body, number.AppSecret)).AssertProblemAsync(400);
    }

    [Theory]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{}}]}]}""")]
    public async Task Json_that_is_not_a_message_notification_is_acknowledged_and_stores_nothing(string body)
    {
        var number = await ConnectedAsync();
        var response = await app.PostMetaAsync(body, number.AppSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await MessageCountAsync(number));
    }
}
