using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Delivery;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Delivery;

/// <summary>W9–W11 and W16 through Meta's Cloud API: replies via the same outbox, receipts, and inbound media.</summary>
public class CloudDeliveryTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private async Task<(CloudNumber Number, int Ticket)> CustomerWroteAsync(string from = "6281234567890")
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        await app.PostMetaAsync(number.Notification(CloudNumbers.Text(from, "Halo")), number.AppSecret);
        return (number, (await number.Workspace.TicketsOfAsync())[0]!.Int("id"));
    }

    private Task<HttpResponseMessage> StatusAsync(CloudNumber number, string wamid, string status, string? callback = null, int? errorCode = null,
        string recipientField = "recipient_id", string recipient = "6281234567890")
    {
        var item = new JsonObject { ["id"] = wamid, ["status"] = status, ["timestamp"] = "1767312000", [recipientField] = recipient };
        if (callback is not null)
            item["biz_opaque_callback_data"] = callback;
        if (errorCode is not null)
            item["errors"] = new JsonArray(new JsonObject { ["code"] = errorCode, ["title"] = "Re-engagement message" });
        var json = JsonNode.Parse(number.Notification())!;
        var value = json["entry"]![0]!["changes"]![0]!["value"]!.AsObject();
        value.Remove("messages");
        value.Remove("contacts");
        value["statuses"] = new JsonArray(item);
        return app.PostMetaAsync(json.ToJsonString(), number.AppSecret);
    }

    [Fact]
    public async Task W10_a_reply_goes_out_through_graph_with_the_workspaces_token_tagged_with_its_delivery()
    {
        var (number, ticket) = await CustomerWroteAsync();
        var reply = await number.Workspace.ReplyAsync(ticket, "Baik, kami cek dulu ya.");
        var delivery = await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "sent");
        Assert.Null(delivery["error"]);

        var sent = app.Meta.Sent.Single(s => s.PhoneNumberId == number.PhoneNumberId);
        Assert.Equal(number.AccessToken, sent.Token);
        Assert.Equal("6281234567890", sent.Body.Str("to"));
        Assert.Equal("Baik, kami cek dulu ya.", sent.Body["text"].Str("body"));
        Assert.StartsWith("suppuo-delivery-", sent.Body.Str("biz_opaque_callback_data"));
    }

    [Fact]
    public async Task W10_internal_notes_never_reach_meta()
    {
        var (number, ticket) = await CustomerWroteAsync();
        var note = await number.Workspace.ReplyAsync(ticket, "Only for us", isInternal: true);
        Assert.Null(note["delivery"]);
        var reply = await number.Workspace.ReplyAsync(ticket, "For the customer");
        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "sent");
        Assert.DoesNotContain(app.Meta.Sent, s => s.Body["text"]?["body"]?.GetValue<string>() == "Only for us");
    }

    [Fact]
    public async Task W11_outside_the_24_hour_window_the_delivery_fails_with_a_readable_reason()
    {
        var (number, ticket) = await CustomerWroteAsync();
        app.Meta.FailNextSend(400, 131047, "Re-engagement message");
        var reply = await number.Workspace.ReplyAsync(ticket, "Terlambat");
        var delivery = await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "failed");
        Assert.Contains("24 hours", delivery.Str("error"));
        Assert.Contains("131047", delivery.Str("error"));
    }

    [Fact]
    public async Task W11_a_throughput_limit_is_retried_until_sent()
    {
        var (number, ticket) = await CustomerWroteAsync();
        app.Meta.FailNextSend(400, 130429, "Rate limit hit");
        var reply = await number.Workspace.ReplyAsync(ticket, "Sabar ya");
        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "sent");
    }

    [Fact]
    public async Task W16_a_revoked_token_fails_the_reply_and_flags_the_connection()
    {
        var (number, ticket) = await CustomerWroteAsync();
        app.Meta.FailNextSend(401, 190, "Error validating access token");
        var reply = await number.Workspace.ReplyAsync(ticket, "Halo?");
        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "failed");
        var connection = (await number.Workspace.Api.GetJsonAsync("/api/v1/channels"))[0]!;
        Assert.Contains("190", connection.Str("health"));
    }

    [Fact]
    public async Task W11_receipts_move_a_delivery_forward_only()
    {
        var (number, ticket) = await CustomerWroteAsync();
        var reply = await number.Workspace.ReplyAsync(ticket, "Sudah dikirim");
        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "sent");
        var wamid = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == reply.Int("id")).Select(d => d.ProviderMessageId!).SingleAsync());

        Assert.True((await StatusAsync(number, wamid, "read")).IsSuccessStatusCode);
        await StatusAsync(number, wamid, "delivered"); // late, out of order
        await StatusAsync(number, wamid, "failed", errorCode: 131047);
        Assert.Equal("read", (await number.Workspace.MessageAsync(ticket, reply.Int("id")))["delivery"].Str("status"));
    }

    [Fact]
    public async Task W18_a_receipt_naming_the_customer_by_recipient_user_id_applies()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var withoutPhone = CloudNumbers.Text("ID.77userXYZ", "Halo");
        withoutPhone.Remove("from");
        withoutPhone["from_user_id"] = "ID.77userXYZ";
        await app.PostMetaAsync(number.Notification(withoutPhone), number.AppSecret);
        var ticket = (await number.Workspace.TicketsOfAsync())[0]!.Int("id");
        var reply = await number.Workspace.ReplyAsync(ticket, "Halo juga");
        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "sent");
        var wamid = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == reply.Int("id")).Select(d => d.ProviderMessageId!).SingleAsync());

        Assert.True((await StatusAsync(number, wamid, "read", recipientField: "recipient_user_id", recipient: "ID.77userXYZ")).IsSuccessStatusCode);

        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "read");
    }

    [Fact]
    public async Task W11_a_failed_receipt_shows_metas_reason()
    {
        var (number, ticket) = await CustomerWroteAsync();
        var reply = await number.Workspace.ReplyAsync(ticket, "Halo");
        await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "sent");
        var wamid = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == reply.Int("id")).Select(d => d.ProviderMessageId!).SingleAsync());
        await StatusAsync(number, wamid, "failed", errorCode: 131047);
        var delivery = await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "failed");
        Assert.Contains("131047", delivery.Str("error"));
    }

    [Fact]
    public async Task W11_an_ambiguous_timeout_is_settled_by_a_status_webhook_carrying_the_delivery_and_never_sent_twice()
    {
        var (number, ticket) = await CustomerWroteAsync();
        app.Meta.FailNextSend(0, 0); // the request goes out, the answer never comes
        var reply = await number.Workspace.ReplyAsync(ticket, "Apakah sampai?");
        var deliveryId = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == reply.Int("id")).Select(d => d.Id).SingleAsync());
        await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Deliveries.SingleAsync(d => d.Id == deliveryId)),
            d => d.SendStartedAt is not null && d.Error is not null, "the send to time out");

        await StatusAsync(number, "wamid.ARRIVED", "delivered", callback: CloudCallback.For(deliveryId, attempt: 1));

        var delivery = await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "delivered");
        Assert.Null(delivery["error"]);
        Assert.Equal("wamid.ARRIVED", await app.WithDbAsync(db => db.Deliveries.Where(d => d.Id == deliveryId).Select(d => d.ProviderMessageId).SingleAsync()));
        Assert.DoesNotContain(app.Meta.Sent, s => s.Body["text"]?["body"]?.GetValue<string>() == "Apakah sampai?");
    }

    [Fact]
    public async Task W9_inbound_media_is_downloaded_through_graph_and_checked_against_metas_sha256()
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var bytes = "fake jpeg bytes"u8.ToArray();
        app.Meta.AddMedia("1555000201", bytes, "image/jpeg");
        var image = CloudNumbers.OfType("6281234567890", "image", new JsonObject { ["id"] = "1555000201", ["mime_type"] = "image/jpeg" });
        await app.PostMetaAsync(number.Notification(image), number.AppSecret);
        var ticket = (await number.Workspace.TicketsOfAsync())[0]!.Int("id");

        var attachment = await Eventually.WaitForAsync(
            async () => (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket}"))["messages"]![0]!["attachments"]![0]!,
            a => a.Str("status") != "pending", "the photo to download");
        Assert.Equal("ready", attachment.Str("status"));
        var file = await number.Workspace.Api.GetAsync($"/api/v1/attachments/{attachment.Int("id")}");
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", null, "checksum")]
    [InlineData(null, "https://evil.example.com/steal", "not one of Meta's hosts")]
    public async Task W9_media_that_fails_its_checksum_or_points_off_meta_is_failed_with_the_reason(string? sha256, string? url, string reason)
    {
        var number = await app.ConnectCloudAsync(await app.CreateWorkspaceAsync());
        var mediaId = "1555" + Random.Shared.Next(100000, 999999);
        app.Meta.AddMedia(mediaId, "bytes"u8.ToArray(), "image/jpeg", sha256, url);
        var image = CloudNumbers.OfType("6281234567890", "image", new JsonObject { ["id"] = mediaId, ["mime_type"] = "image/jpeg" });
        await app.PostMetaAsync(number.Notification(image), number.AppSecret);
        var ticket = (await number.Workspace.TicketsOfAsync())[0]!.Int("id");

        var attachment = await Eventually.WaitForAsync(
            async () => (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket}"))["messages"]![0]!["attachments"]![0]!,
            a => a.Str("status") != "pending", "the photo to be decided");
        Assert.Equal("failed", attachment.Str("status"));
        Assert.Contains(reason, attachment.Str("error"));
    }

    [Fact]
    public async Task W11_an_ambiguous_send_without_any_receipt_is_failed_as_maybe_not_sent_for_the_agent_to_retry()
    {
        // Its own data folder: the class's app must not pick this delivery up with its own, patient settings.
        var dataDirectory = Directory.CreateTempSubdirectory("suppuo-test-").FullName;
        try
        {
            await AmbiguousSendFailsAsMaybeNotSentAsync(dataDirectory);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private async Task AmbiguousSendFailsAsMaybeNotSentAsync(string dataDirectory)
    {
        await using var impatient = SuppuoApp.Over(dataDirectory, app.Twilio, new Dictionary<string, string> { ["Suppuo:Workers:AmbiguousSendWait"] = "00:00:01" });
        var number = await impatient.ConnectCloudAsync(await impatient.CreateWorkspaceAsync());
        await impatient.PostMetaAsync(number.Notification(CloudNumbers.Text("6281234567891", "Halo")), number.AppSecret);
        var ticket = (await number.Workspace.TicketsOfAsync())[0]!.Int("id");
        impatient.Meta.FailNextSend(0, 0);

        var reply = await number.Workspace.ReplyAsync(ticket, "Sampai tidak?");
        var delivery = await number.Workspace.WaitForDeliveryAsync(ticket, reply.Int("id"), "failed");

        Assert.Contains("may not have been sent", delivery.Str("error"));
        Assert.Empty(impatient.Meta.Sent); // the one request went out unanswered; nothing was sent again
    }
}
