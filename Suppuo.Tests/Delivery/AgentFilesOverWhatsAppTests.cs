using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Attachments;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.Delivery;

/// <summary>W14: an agent's files reach a WhatsApp customer over WhatsApp too — each its own message, with the outbox's guarantees.</summary>
public class AgentFilesOverWhatsAppTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];
    private static readonly byte[] Pdf = "%PDF-1.4 invoice"u8.ToArray();

    private static (string, string, byte[]) Photo(string name = "photo.png") => (name, "image/png", Png);

    private async Task<(TwilioNumber Number, int TicketId)> TwilioConversationAsync()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        return (number, await number.Workspace.WhatsAppTicketAsync());
    }

    private async Task<(CloudNumber Number, int TicketId)> CloudConversationAsync(JsonObject? firstMessage = null, string? contacts = null)
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var json = JsonNode.Parse(number.Notification(firstMessage ?? CloudNumbers.Text("6281234567890", "Halo")))!;
        if (contacts is not null)
            json["entry"]![0]!["changes"]![0]!["value"]!["contacts"] = JsonNode.Parse(contacts);
        await app.PostMetaAsync(json.ToJsonString(), number.AppSecret);
        return (number, (await number.Workspace.TicketsOfAsync())[0]!.Int("id"));
    }

    private static Task<JsonNode> WaitForFileDeliveryAsync(TestWorkspace workspace, int ticketId, int messageId, string status) =>
        Eventually.WaitForAsync(() => workspace.MessageAsync(ticketId, messageId),
            message => message["attachments"]!.AsArray().All(a => a?["delivery"]?["status"]?.GetValue<string>() == status),
            $"every file of message {messageId} to be {status}");

    private Task<FakeTwilio.FetchedMedia> FetchAsTwilioAsync(string mediaUrl) => FakeTwilio.FetchMediaAsync(mediaUrl, app.CreateClient());

    private (FakeTwilio.SentMessage Message, string MediaUrl) SentFileTo(TwilioNumber number) =>
        Assert.Single(app.Twilio.SentMedia, s => s.Message.AccountSid == number.AccountSid);

    // --- Twilio: a signed MediaUrl per file ----------------------------------------------------------------

    [Fact]
    public async Task W14_an_image_reply_over_twilio_sends_the_text_then_the_file_as_a_media_url_serving_its_bytes()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        var body = $"Ini fotonya #{Guid.NewGuid():N}";

        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, body, Photo());

        var message = await WaitForFileDeliveryAsync(number.Workspace, ticketId, reply.Int("id"), "sent");
        Assert.Equal("sent", message["delivery"].Str("status"));
        var sent = app.Twilio.Messages.Where(m => m.AccountSid == number.AccountSid).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(body, sent[0].Body); // the text first, as the agent wrote it
        var (file, mediaUrl) = SentFileTo(number);
        Assert.Equal(sent[1].Sid, file.Sid);
        Assert.Equal("", file.Body); // one file per WhatsApp message, without text
        Assert.Equal("whatsapp:" + Customer, file.To);
        Assert.StartsWith(SuppuoApp.PublicBaseUrl + "/media/", mediaUrl);
        Assert.StartsWith(SuppuoApp.PublicBaseUrl + "/webhooks/twilio/status?d=", file.StatusCallback);

        var fetched = await FetchAsTwilioAsync(mediaUrl);
        Assert.Equal(200, fetched.Status);
        Assert.Equal("image/png", fetched.ContentType);
        Assert.Equal(Png, fetched.Bytes);
    }

    [Fact]
    public async Task W14_media_links_expire_and_a_tampered_or_unknown_link_is_404()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, null, ("invoice.pdf", "application/pdf", Pdf));
        await WaitForFileDeliveryAsync(number.Workspace, ticketId, reply.Int("id"), "sent");
        var (_, mediaUrl) = SentFileTo(number);
        var fetched = await FetchAsTwilioAsync(mediaUrl);
        Assert.Equal((200, "application/pdf"), (fetched.Status, fetched.ContentType));
        Assert.Equal(Pdf, fetched.Bytes);

        var token = mediaUrl[(mediaUrl.LastIndexOf('/') + 1)..];
        var tampered = mediaUrl[..^token.Length] + token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        Assert.Equal(404, (await FetchAsTwilioAsync(tampered)).Status);
        Assert.Equal(404, (await FetchAsTwilioAsync(SuppuoApp.PublicBaseUrl + "/media/not-a-token")).Status);

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        try
        {
            Assert.Equal(404, (await FetchAsTwilioAsync(mediaUrl)).Status);
        }
        finally
        {
            app.Clock.Advance(-(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)));
        }
    }

    [Fact]
    public async Task W14_a_media_link_opens_only_its_own_workspaces_file_of_a_public_reply()
    {
        var (a, ticketA) = await TwilioConversationAsync();
        var (b, ticketB) = await TwilioConversationAsync();
        var bytesB = "%PDF-1.4 only for B"u8.ToArray();
        var replyA = await a.Workspace.ReplyWithFilesAsync(ticketA, null, ("a.pdf", "application/pdf", Pdf));
        var replyB = await b.Workspace.ReplyWithFilesAsync(ticketB, null, ("b.pdf", "application/pdf", bytesB));
        await WaitForFileDeliveryAsync(a.Workspace, ticketA, replyA.Int("id"), "sent");
        await WaitForFileDeliveryAsync(b.Workspace, ticketB, replyB.Int("id"), "sent");
        var note = await (await b.Workspace.Api.PostAsync($"/api/v1/tickets/{ticketB}/messages", Form("Internal", true, ("note.pdf", "application/pdf", bytesB)))).ReadJsonAsync();

        Assert.Equal(Pdf, (await FetchAsTwilioAsync(SentFileTo(a).MediaUrl)).Bytes);
        var links = app.Services.GetRequiredService<MediaLinks>();
        // A link naming workspace A and B's file — as if A's link were rewritten — opens nothing; nor does a note's file.
        Assert.Equal(404, (await FetchAsTwilioAsync(links.UrlFor(a.Workspace.Id, replyB["attachments"]![0].Int("id")))).Status);
        Assert.Equal(404, (await FetchAsTwilioAsync(links.UrlFor(b.Workspace.Id, note["attachments"]![0].Int("id")))).Status);
    }

    [Fact]
    public async Task W14_a_file_whatsapp_refuses_is_not_sent_the_agent_sees_why_and_the_text_still_goes()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        var body = $"Laporan terlampir #{Guid.NewGuid():N}";
        var tooLarge = new byte[OutboundWhatsAppFiles.MaxImageBytes + 1];

        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, body,
            ("report.exe", "application/x-msdownload", [0x4D, 0x5A]), ("big.png", "image/png", tooLarge));

        var attachments = reply["attachments"]!.AsArray();
        Assert.Contains("report.exe not sent over WhatsApp", attachments[0].Str("whatsAppRefusal"));
        Assert.Contains("not supported", attachments[0].Str("whatsAppRefusal"));
        Assert.Contains("status page", attachments[0].Str("whatsAppRefusal"));
        Assert.Contains("big.png not sent over WhatsApp", attachments[1].Str("whatsAppRefusal"));
        Assert.Contains("5 MB limit", attachments[1].Str("whatsAppRefusal"));
        Assert.All(attachments, a => Assert.Null(a!["delivery"]));
        await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");
        Assert.Equal(body, Assert.Single(app.Twilio.Messages, m => m.AccountSid == number.AccountSid).Body);
        Assert.DoesNotContain(app.Twilio.SentMedia, s => s.Message.AccountSid == number.AccountSid);
        // Still the customer's to download from the status page.
        Assert.Equal("ready", (await number.Workspace.MessageAsync(ticketId, reply.Int("id")))["attachments"]![0].Str("status"));
    }

    [Fact]
    public async Task W14_a_files_only_reply_whose_files_are_refused_names_them_in_a_text()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, null, ("setup.exe", "application/octet-stream", [1, 2, 3]));
        await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");
        Assert.Equal("[attachment: setup.exe]", Assert.Single(app.Twilio.Messages, m => m.AccountSid == number.AccountSid).Body);
    }

    [Fact]
    public async Task W14_a_file_send_that_fails_transiently_is_looked_up_then_retried_and_goes_once()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        app.Twilio.FailNext("messages", 500, 20500, "Internal Server Error");

        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, null, Photo());

        await WaitForFileDeliveryAsync(number.Workspace, ticketId, reply.Int("id"), "sent");
        Assert.Equal([500, 201], app.Twilio.SendAttempts.Where(a => a.BasicUser == number.AccountSid).Select(a => a.Status));
        SentFileTo(number);
        Assert.Contains(app.Twilio.Requests, r => r.Method == "GET" && r.Path == $"/2010-04-01/Accounts/{number.AccountSid}/Messages.json");
    }

    [Fact]
    public async Task W14_an_ambiguous_file_send_is_reconciled_and_never_sent_twice()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        app.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(30)); // made at Twilio, answered after the client gave up

        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, null, Photo());

        await WaitForFileDeliveryAsync(number.Workspace, ticketId, reply.Int("id"), "sent");
        Assert.Single(app.Twilio.SendAttempts, a => a.BasicUser == number.AccountSid);
        var (file, _) = SentFileTo(number);
        Assert.Equal(file.Sid, await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == reply.Int("id")).Select(d => d.ProviderMessageId).SingleAsync()));
    }

    [Fact]
    public async Task W14_a_failed_file_is_retried_by_the_agent_and_then_goes_once()
    {
        var (number, ticketId) = await TwilioConversationAsync();
        app.Twilio.FailNext("messages", 400, 63016, "Outside window");
        var messageId = (await number.Workspace.ReplyWithFilesAsync(ticketId, null, Photo())).Int("id");
        var failed = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");
        Assert.Contains("24 hours", failed.Str("error"));

        var response = await number.Workspace.Api.PostAsync($"/api/v1/messages/{messageId}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForFileDeliveryAsync(number.Workspace, ticketId, messageId, "sent");
        SentFileTo(number);
    }

    // --- Meta: upload, then send by media id ------------------------------------------------------------------

    [Fact]
    public async Task W14_files_over_cloud_are_uploaded_then_sent_by_media_id_documents_with_their_name()
    {
        var (number, ticketId) = await CloudConversationAsync();

        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, "Foto dan faktur", Photo(), ("invoice.pdf", "application/pdf", Pdf));

        await WaitForFileDeliveryAsync(number.Workspace, ticketId, reply.Int("id"), "sent");
        var uploads = app.Meta.Uploads.Where(u => u.PhoneNumberId == number.PhoneNumberId).ToList();
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, u => Assert.Equal((number.AccessToken, "whatsapp"), (u.Token, u.MessagingProduct)));
        Assert.Equal(("image/png", "photo.png", "image/png"), (uploads[0].Type, uploads[0].FileName, uploads[0].ContentType));
        Assert.Equal(Png, uploads[0].Bytes);
        Assert.Equal(("application/pdf", "invoice.pdf"), (uploads[1].Type, uploads[1].FileName));
        Assert.Equal(Pdf, uploads[1].Bytes);

        var sent = app.Meta.Sent.Where(s => s.PhoneNumberId == number.PhoneNumberId).Select(s => s.Body).ToList();
        Assert.Equal(["text", "image", "document"], sent.Select(s => s.Str("type")));
        Assert.Equal(uploads[0].MediaId, sent[1]["image"].Str("id"));
        Assert.Equal(uploads[1].MediaId, sent[2]["document"].Str("id"));
        Assert.Equal("invoice.pdf", sent[2]["document"].Str("filename"));
        Assert.All(sent, s => Assert.Equal("6281234567890", s.Str("to")));
        Assert.Equal(3, sent.Select(s => s.Str("biz_opaque_callback_data")).Distinct().Count()); // each its own delivery
    }

    [Fact]
    public async Task W14_a_file_meta_refuses_fails_alone_names_the_file_and_only_it_goes_again_on_retry()
    {
        var (number, ticketId) = await CloudConversationAsync();
        app.Meta.FailNextUpload(400, 131053, "Media upload error");

        var messageId = (await number.Workspace.ReplyWithFilesAsync(ticketId, "Ini fotonya", Photo())).Int("id");

        var failed = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");
        Assert.StartsWith("photo.png: ", failed.Str("error"));
        Assert.Contains("131053", failed.Str("error"));
        var message = await number.Workspace.MessageAsync(ticketId, messageId);
        Assert.Equal("failed", message["attachments"]![0]!["delivery"].Str("status"));

        (await number.Workspace.Api.PostAsync($"/api/v1/messages/{messageId}/retry", null)).EnsureSuccessStatusCode();

        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        var sent = app.Meta.Sent.Where(s => s.PhoneNumberId == number.PhoneNumberId).Select(s => s.Body.Str("type")).ToList();
        Assert.Equal(["text", "image"], sent); // the text went once, the photo once
    }

    [Fact]
    public async Task W18_an_image_reply_to_a_customer_known_only_by_user_id_goes_to_the_user_id()
    {
        var withoutPhone = CloudNumbers.Text("ID.4566abcDEF", "Halo tanpa nomor");
        withoutPhone.Remove("from");
        withoutPhone["from_user_id"] = "ID.4566abcDEF";
        var (number, ticketId) = await CloudConversationAsync(withoutPhone, """[{"profile":{"name":"Anon"},"user_id":"ID.4566abcDEF"}]""");

        var reply = await number.Workspace.ReplyWithFilesAsync(ticketId, null, Photo());

        await WaitForFileDeliveryAsync(number.Workspace, ticketId, reply.Int("id"), "sent");
        var sent = Assert.Single(app.Meta.SentMedia, s => s.PhoneNumberId == number.PhoneNumberId);
        Assert.Equal("ID.4566abcDEF", sent.Body.Str("to"));
        Assert.Equal(Assert.Single(app.Meta.Uploads, u => u.PhoneNumberId == number.PhoneNumberId).MediaId, sent.MediaId);
    }
}
