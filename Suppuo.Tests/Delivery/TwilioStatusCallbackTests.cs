using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Delivery;

/// <summary>W11: Twilio's delivery receipts, signed like every Twilio webhook (W4), only ever move a delivery forward.</summary>
public class TwilioStatusCallbackTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string StatusUrl = SuppuoApp.PublicBaseUrl + "/webhooks/twilio/status";

    private sealed record SentReply(TwilioNumber Number, int TicketId, int MessageId, string Sid);

    private async Task<SentReply> SentReplyAsync()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        var messageId = (await number.Workspace.ReplyAsync(ticketId, $"Halo #{Guid.NewGuid():N}")).Int("id");
        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        var sid = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.ProviderMessageId!).SingleAsync());
        return new SentReply(number, ticketId, messageId, sid);
    }

    /// <summary>The callback Twilio posts for one status of our message (docs/providers.md, "Twilio: status callbacks").</summary>
    private async Task<HttpResponseMessage> PostStatusAsync(SentReply reply, string status, string? errorCode = null, string? signingToken = null, bool sign = true,
        string statusUrl = StatusUrl)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = reply.Number.AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["ChannelPrefix"] = "whatsapp",
            ["From"] = "whatsapp:" + reply.Number.Number,
            ["MessageSid"] = reply.Sid,
            ["MessageStatus"] = status,
            ["SmsSid"] = reply.Sid,
            ["SmsStatus"] = status,
            ["To"] = "whatsapp:" + Replies.Customer,
        };
        if (errorCode is not null)
            form["ErrorCode"] = errorCode;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(statusUrl).PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (sign)
            request.Headers.Add("X-Twilio-Signature", TwilioWebhookSigner.Sign(signingToken ?? reply.Number.AuthToken, statusUrl, form));
        return await app.CreateClient().SendAsync(request);
    }

    private async Task ReceiptAsync(SentReply reply, string status, string? errorCode = null, string statusUrl = StatusUrl)
    {
        var response = await PostStatusAsync(reply, status, errorCode, statusUrl: statusUrl);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The status callback answered {(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", text);
    }

    private async Task<string> StatusOfAsync(SentReply reply) =>
        (await reply.Number.Workspace.MessageAsync(reply.TicketId, reply.MessageId))["delivery"]!.Str("status");

    [Fact]
    public async Task W11_receipts_only_move_forward()
    {
        var reply = await SentReplyAsync();

        await ReceiptAsync(reply, "delivered");
        Assert.Equal("delivered", await StatusOfAsync(reply));
        await ReceiptAsync(reply, "sent"); // late
        Assert.Equal("delivered", await StatusOfAsync(reply));
        await ReceiptAsync(reply, "read");
        Assert.Equal("read", await StatusOfAsync(reply));
        foreach (var late in new[] { "sent", "delivered", "failed", "undelivered" })
        {
            await ReceiptAsync(reply, late, late is "failed" or "undelivered" ? "30008" : null);
            Assert.Equal("read", await StatusOfAsync(reply));
        }
        Assert.Contains(app.Events, e => e is DeliveryUpdated u && u.MessageId == reply.MessageId);
    }

    [Fact]
    public async Task W11_read_may_skip_delivered()
    {
        var reply = await SentReplyAsync();
        await ReceiptAsync(reply, "read");
        Assert.Equal("read", await StatusOfAsync(reply));
    }

    [Fact]
    public async Task W11_a_failed_receipt_overrides_delivered_with_the_reason_and_stays_failed()
    {
        var reply = await SentReplyAsync();
        await ReceiptAsync(reply, "delivered");

        await ReceiptAsync(reply, "failed", "63016");

        var delivery = (await reply.Number.Workspace.MessageAsync(reply.TicketId, reply.MessageId))["delivery"]!;
        Assert.Equal("failed", delivery.Str("status"));
        Assert.Contains("24 hours", delivery.Str("error"));
        await ReceiptAsync(reply, "delivered");
        Assert.Equal("failed", await StatusOfAsync(reply)); // only the agent's retry moves it back
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("sending")]
    [InlineData("accepted")]
    [InlineData("scheduled")]
    public async Task W11_twilios_own_steps_before_sent_change_nothing(string status)
    {
        var reply = await SentReplyAsync();
        await ReceiptAsync(reply, status);
        Assert.Equal("sent", await StatusOfAsync(reply));
    }

    [Fact]
    public async Task W11_a_receipt_that_overtakes_the_sends_answer_is_matched_by_the_delivery_id_in_its_callback_url()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        var body = $"Halo #{Guid.NewGuid():N}";
        app.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(30)); // the message exists at Twilio; the answer with its SID is late
        var messageId = (await number.Workspace.ReplyAsync(ticketId, body)).Int("id");
        var made = await Eventually.UntilAsync(() => Task.FromResult(app.Twilio.Messages.FirstOrDefault(m => m.Body == body)), "Twilio to make the message");

        await ReceiptAsync(new SentReply(number, ticketId, messageId, made.Sid), "delivered", statusUrl: made.StatusCallback!);

        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "delivered");
        Assert.Equal(made.Sid, await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.ProviderMessageId).SingleAsync()));
        Assert.Single(app.Twilio.SendAttempts, a => a.Form.GetValueOrDefault("Body") == body);
    }

    [Fact]
    public async Task W26_a_late_failure_receipt_of_a_retried_attempt_never_lands_on_the_agents_retry()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        var body = $"Halo #{Guid.NewGuid():N}";
        var messageId = (await number.Workspace.ReplyAsync(ticketId, body)).Int("id");
        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        var first = Assert.Single(app.Twilio.Messages, m => m.Body == body);
        await ReceiptAsync(new SentReply(number, ticketId, messageId, first.Sid), "failed", "30008", statusUrl: first.StatusCallback!);
        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");

        // The agent retries; Twilio makes attempt 2's message but answers late, so its SID is not recorded yet.
        app.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(30));
        (await number.Workspace.Api.PostAsync($"/api/v1/messages/{messageId}/retry", null)).EnsureSuccessStatusCode();
        var second = await Eventually.UntilAsync(() => Task.FromResult(app.Twilio.Messages.FirstOrDefault(m => m.Body == body && m.Sid != first.Sid)),
            "Twilio to make attempt 2's message");
        Assert.NotEqual(first.StatusCallback, second.StatusCallback);

        // Attempt 1's late `undelivered`, on attempt 1's own callback URL.
        await ReceiptAsync(new SentReply(number, ticketId, messageId, first.Sid), "undelivered", "30008", statusUrl: first.StatusCallback!);

        var delivery = await app.WithDbAsync(db => db.Deliveries.SingleAsync(d => d.MessageId == messageId));
        Assert.Equal(DeliveryStatus.Queued, delivery.Status);
        Assert.Null(delivery.ProviderMessageId);
        await ReceiptAsync(new SentReply(number, ticketId, messageId, second.Sid), "delivered", statusUrl: second.StatusCallback!);
        var settled = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "delivered");
        Assert.Null(settled["error"]);
        Assert.Equal(second.Sid, await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.ProviderMessageId).SingleAsync()));
        Assert.Equal(2, app.Twilio.SendAttempts.Count(a => a.Form.GetValueOrDefault("Body") == body));
    }

    [Fact]
    public async Task W26_a_receipt_on_a_callback_url_from_before_attempt_numbers_still_finds_its_delivery()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        var body = $"Halo #{Guid.NewGuid():N}";
        app.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(30));
        var messageId = (await number.Workspace.ReplyAsync(ticketId, body)).Int("id");
        var made = await Eventually.UntilAsync(() => Task.FromResult(app.Twilio.Messages.FirstOrDefault(m => m.Body == body)), "Twilio to make the message");
        var deliveryId = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.Id).SingleAsync());

        await ReceiptAsync(new SentReply(number, ticketId, messageId, made.Sid), "delivered", statusUrl: $"{StatusUrl}?d={deliveryId}");

        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "delivered");
        Assert.Equal(made.Sid, await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.ProviderMessageId).SingleAsync()));
    }

    [Fact]
    public async Task W11_a_receipt_for_an_unknown_message_is_200_and_ignored()
    {
        var reply = await SentReplyAsync();
        await ReceiptAsync(reply with { Sid = TwilioNumbers.NewMessageSid() }, "read");
        Assert.Equal("sent", await StatusOfAsync(reply));
    }

    [Fact]
    public async Task W4_a_receipt_with_a_wrong_or_missing_signature_is_403_and_changes_nothing()
    {
        var reply = await SentReplyAsync();
        await (await PostStatusAsync(reply, "read", signingToken: "someone-elses-token")).AssertProblemAsync(403);
        await (await PostStatusAsync(reply, "read", sign: false)).AssertProblemAsync(403);
        Assert.Equal("sent", await StatusOfAsync(reply));
    }
}
