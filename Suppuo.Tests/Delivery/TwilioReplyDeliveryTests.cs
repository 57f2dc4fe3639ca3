using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.Delivery;

/// <summary>W10–W12: agent replies leave through the durable outbox and the workspace's own Twilio account.</summary>
public class TwilioReplyDeliveryTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private async Task<(TwilioNumber Number, int TicketId)> WhatsAppConversationAsync()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        return (number, await number.Workspace.WhatsAppTicketAsync());
    }

    private IEnumerable<Fakes.FakeTwilio.SentMessage> SentWithBody(string body) => app.Twilio.Messages.Where(m => m.Body == body);

    private IEnumerable<Fakes.FakeTwilio.SendAttempt> AttemptsWithBody(string body) => app.Twilio.SendAttempts.Where(a => a.Form.GetValueOrDefault("Body") == body);

    private static string Unique(string text) => $"{text} #{Guid.NewGuid():N}";

    // --- W10: replies go out over WhatsApp ------------------------------------------------------------

    [Fact]
    public async Task W10_a_public_reply_is_answered_queued_then_sent_from_the_workspace_number()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var body = Unique("Baik, kami cek dulu ya.");

        var reply = await number.Workspace.ReplyAsync(ticketId, body);

        Assert.Equal("queued", reply["delivery"]!.Str("status")); // W11: saved and answered before any send
        var messageId = reply.Int("id");
        var delivery = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        Assert.Null(delivery["error"]);

        var sent = Assert.Single(SentWithBody(body));
        Assert.Equal(number.AccountSid, sent.AccountSid);
        Assert.Equal("whatsapp:" + number.Number, sent.From);
        Assert.Equal("whatsapp:" + Customer, sent.To);
        var deliveryId = await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.Id).SingleAsync());
        Assert.Equal($"{SuppuoApp.PublicBaseUrl}/webhooks/twilio/status?d={deliveryId}&a=1", sent.StatusCallback); // W26: each attempt names itself
        Assert.Equal(number.AccountSid, Assert.Single(AttemptsWithBody(body)).BasicUser);
        Assert.Equal(sent.Sid, await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageId).Select(d => d.ProviderMessageId).SingleAsync()));
        // Published just after the row is saved, so it may trail what the API already shows by a moment.
        await Eventually.WaitUntilAsync(
            () => app.Events.Any(e => e is DeliveryUpdated u && u.MessageId == messageId && u.TicketId == ticketId && u.WorkspaceId == number.Workspace.Id),
            "DeliveryUpdated for the live inbox");
    }

    [Fact]
    public async Task W10_internal_notes_never_reach_twilio()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var note = Unique("Catatan internal: pelanggan ini sering komplain");

        var posted = await number.Workspace.ReplyAsync(ticketId, note, isInternal: true);
        Assert.Null(posted["delivery"]);
        // A public reply after it goes out, so the worker has had its chance at the note too.
        var reply = await number.Workspace.ReplyAsync(ticketId, Unique("Halo"));
        app.WakeDeliveries();
        await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");

        Assert.DoesNotContain(app.Twilio.SendAttempts, a => a.Form.GetValueOrDefault("Body")!.Contains("Catatan internal"));
        Assert.False(await app.WithDbAsync(db => db.Deliveries.AnyAsync(d => d.MessageId == posted.Int("id"))));
    }

    [Fact]
    public async Task W10_replies_on_email_tickets_and_in_workspaces_without_a_number_are_not_sent_over_WhatsApp()
    {
        var (number, _) = await WhatsAppConversationAsync();
        var emailTicket = (await number.Workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Invoice", channel = "email", requesterEmail = "budi@example.test", requesterPhone = Customer })).Int("id");
        Assert.Null((await number.Workspace.ReplyAsync(emailTicket, "Terlampir"))["delivery"]);

        var unconnected = await app.CreateWorkspaceAsync();
        var ticket = await unconnected.WhatsAppTicketAsync();
        Assert.Null((await unconnected.ReplyAsync(ticket, "Halo"))["delivery"]);
    }

    [Fact]
    public async Task W12_an_api_ticket_with_email_and_phone_gets_WhatsApp_delivery_too()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync(email: "budi@example.test");
        var body = Unique("Sudah kami kirim ulang");

        var reply = await number.Workspace.ReplyAsync(ticketId, body);

        await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");
        Assert.Equal("whatsapp:" + Customer, Assert.Single(SentWithBody(body)).To);
    }

    [Fact]
    public async Task W10_two_workspaces_each_reply_with_their_own_credentials_and_number()
    {
        var (a, ticketA) = await WhatsAppConversationAsync();
        var (b, ticketB) = await WhatsAppConversationAsync();
        var bodyA = Unique("Dari toko A");
        var bodyB = Unique("Dari toko B");

        var replyA = await a.Workspace.ReplyAsync(ticketA, bodyA);
        var replyB = await b.Workspace.ReplyAsync(ticketB, bodyB);
        await a.Workspace.WaitForDeliveryAsync(ticketA, replyA.Int("id"), "sent");
        await b.Workspace.WaitForDeliveryAsync(ticketB, replyB.Int("id"), "sent");

        var sentA = Assert.Single(SentWithBody(bodyA));
        var sentB = Assert.Single(SentWithBody(bodyB));
        Assert.Equal((a.AccountSid, "whatsapp:" + a.Number), (sentA.AccountSid, sentA.From));
        Assert.Equal((b.AccountSid, "whatsapp:" + b.Number), (sentB.AccountSid, sentB.From));
        Assert.Equal(a.AccountSid, Assert.Single(AttemptsWithBody(bodyA)).BasicUser);
        Assert.Equal(b.AccountSid, Assert.Single(AttemptsWithBody(bodyB)).BasicUser);
    }

    // --- W11: transient, permanent and ambiguous failures ----------------------------------------------

    [Fact]
    public async Task W11_a_transient_failure_is_retried_until_sent()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var body = Unique("Mohon ditunggu");
        // Scripts are global to the fake: queued before the reply, they are the next answers this reply meets.
        app.Twilio.FailNext("messages", 429, 20429, "Too Many Requests");
        app.Twilio.FailNext("messages", 500, 20500, "Internal Server Error");
        app.Twilio.FailNext("messages", 503, 20503, "Service Unavailable");

        var reply = await number.Workspace.ReplyAsync(ticketId, body);

        await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");
        Assert.Single(SentWithBody(body));
        Assert.Equal([429, 500, 503, 201], AttemptsWithBody(body).Select(a => a.Status));
        // After the 5xx answers the worker looked for the message at Twilio before sending again.
        Assert.Contains(app.Twilio.Requests, r => r.Method == "GET" && r.Path == $"/2010-04-01/Accounts/{number.AccountSid}/Messages.json");
    }

    [Theory]
    [InlineData(63016, "24 hours")]
    [InlineData(21211, "not a valid phone number")]
    [InlineData(63003, "not on WhatsApp")]
    [InlineData(21610, "blocked or unsubscribed")]
    public async Task W11_a_permanent_failure_is_failed_with_a_readable_reason_and_not_retried(int code, string reason)
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var body = Unique("Halo lagi");
        app.Twilio.FailNext("messages", 400, code, "Refused");

        var reply = await number.Workspace.ReplyAsync(ticketId, body);

        var delivery = await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "failed");
        Assert.Contains(reason, delivery.Str("error"));
        Assert.Contains(code.ToString(), delivery.Str("error"));
        Assert.Single(AttemptsWithBody(body));
        Assert.Empty(SentWithBody(body));
        // The reply itself stays on the ticket (W11: a failed delivery never loses the reply).
        Assert.Equal(body, (await number.Workspace.MessageAsync(ticketId, reply.Int("id"))).Str("body"));
    }

    [Fact]
    public async Task W11_an_ambiguous_timeout_is_reconciled_and_never_sent_twice()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var body = Unique("Paket sudah dikirim");
        // Twilio makes the message but answers long after the client's timeout: did it go out? It did.
        app.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(30));

        var reply = await number.Workspace.ReplyAsync(ticketId, body);

        await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");
        var sent = Assert.Single(SentWithBody(body));
        Assert.Single(AttemptsWithBody(body));
        Assert.Equal(sent.Sid, await app.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == reply.Int("id")).Select(d => d.ProviderMessageId).SingleAsync()));
    }

    [Fact]
    public async Task W11_workers_of_several_nodes_racing_for_the_outbox_send_each_reply_once()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        // Two more nodes: dispatchers with leases of their own over the same database, polling as fast as they can.
        var nodes = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services)).ToList();
        using var stop = new CancellationTokenSource();
        var racing = nodes.Select(node => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await node.RunOnceAsync(stop.Token);
                    await Task.Delay(5, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        })).ToList();

        var bodies = Enumerable.Range(1, 15).Select(i => Unique($"Balasan {i}")).ToList();
        try
        {
            var messageIds = new List<int>();
            foreach (var body in bodies)
                messageIds.Add((await number.Workspace.ReplyAsync(ticketId, body)).Int("id"));
            foreach (var messageId in messageIds)
                await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(racing);
        }
        Assert.All(bodies, body => Assert.Single(AttemptsWithBody(body)));
    }

    // --- W11: the agent's retry --------------------------------------------------------------------------

    [Fact]
    public async Task W11_a_failed_delivery_is_queued_again_by_retry_and_then_sent()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var body = Unique("Coba lagi");
        app.Twilio.FailNext("messages", 400, 63016, "Outside window");
        var messageId = (await number.Workspace.ReplyAsync(ticketId, body)).Int("id");
        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");

        var response = await number.Workspace.Api.PostAsync($"/api/v1/messages/{messageId}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("queued", (await response.ReadJsonAsync()).Str("status"));
        var delivery = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        Assert.Null(delivery["error"]);
        Assert.Single(SentWithBody(body));
    }

    [Fact]
    public async Task W11_retry_is_409_unless_the_delivery_failed()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        var reply = (await number.Workspace.ReplyAsync(ticketId, Unique("Halo"))).Int("id");
        await number.Workspace.WaitForDeliveryAsync(ticketId, reply, "sent");
        var note = (await number.Workspace.ReplyAsync(ticketId, "Catatan", isInternal: true)).Int("id");

        await (await number.Workspace.Api.PostAsync($"/api/v1/messages/{reply}/retry", null)).AssertProblemAsync(409);
        await (await number.Workspace.Api.PostAsync($"/api/v1/messages/{note}/retry", null)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task W11_retry_of_another_workspaces_message_is_404_and_without_a_key_401()
    {
        var (number, ticketId) = await WhatsAppConversationAsync();
        app.Twilio.FailNext("messages", 400, 21211, "Invalid To");
        var messageId = (await number.Workspace.ReplyAsync(ticketId, Unique("Halo"))).Int("id");
        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");
        var stranger = await app.CreateWorkspaceAsync();

        await (await app.CreateClient().PostAsync($"/api/v1/messages/{messageId}/retry", null)).AssertProblemAsync(401);
        await (await stranger.Api.PostAsync($"/api/v1/messages/{messageId}/retry", null)).AssertProblemAsync(404);
        Assert.Equal("failed", (await number.Workspace.MessageAsync(ticketId, messageId))["delivery"]!.Str("status"));
    }
}
