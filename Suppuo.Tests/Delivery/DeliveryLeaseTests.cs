using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Delivery;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Delivery;

/// <summary>
/// W11 with passes longer than a lease: a dispatcher sends its batch four at a time, so its later replies start after
/// the lease it claimed them with has run out. Each reply's lease is renewed as its send starts, so another node never
/// takes a reply that is still being sent (Twilio's look-up before a resend would then be all that stood between the
/// customer and a second copy).
/// </summary>
public sealed class DeliveryLeaseTests : IAsyncLifetime
{
    // A retry waits an hour: after one refused attempt the replies are left alone by the app's own outbox worker.
    private readonly SuppuoApp _app = new SuppuoApp()
        .WithSetting("Suppuo:Workers:Lease", "00:00:02")
        .WithSetting("Suppuo:Workers:RetryBaseDelay", "01:00:00")
        .WithSetting("Suppuo:Workers:MaxRetryDelay", "01:00:00");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task W11_a_second_node_never_takes_a_reply_the_first_is_still_sending()
    {
        var number = await _app.ConnectTwilioAsync(await _app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        var bodies = Enumerable.Range(1, 10).Select(i => $"Balasan {i} #{Guid.NewGuid():N}").ToList();
        _app.Twilio.FailNext("messages", 429, 20429, "Too Many Requests", times: bodies.Count);
        var messageIds = new List<int>();
        foreach (var body in bodies)
            messageIds.Add((await number.Workspace.ReplyAsync(ticketId, body)).Int("id"));
        await Eventually.UntilAsync(() => _app.WithDbAsync(async db =>
            await db.Deliveries.CountAsync(d => messageIds.Contains(d.MessageId) && d.Attempts == 1 && d.LeaseOwner == null) == bodies.Count ? "refused" : null),
            "the first, refused attempt of every reply");

        // Two nodes whose clock is two hours ahead, so that all ten are due for them at once. Each send takes 1.2 s,
        // well within the 2 s lease, but the first node's batch of ten, four at a time, outlasts it.
        for (var i = 0; i < 2 * bodies.Count; i++)
            _app.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(1.2));
        var ahead = new AheadClock(_app.Clock, TimeSpan.FromHours(2));
        var first = ActivatorUtilities.CreateInstance<OutboxDispatcher>(_app.Services, (TimeProvider)ahead);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(_app.Services, (TimeProvider)ahead);
        var lookups = Lookups();
        var firstPass = first.RunOnceAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _app.WithDbAsync(async db =>
            await db.Deliveries.CountAsync(d => messageIds.Contains(d.MessageId) && d.LeaseOwner == first.Owner) == bodies.Count ? "claimed" : null),
            "the first node's claim");
        // The second node polls all through the first one's pass, as fast as it can.
        while (!firstPass.IsCompleted)
        {
            await second.RunOnceAsync(CancellationToken.None);
            await Task.Delay(20);
        }
        await firstPass;
        await second.RunOnceAsync(CancellationToken.None);

        foreach (var messageId in messageIds)
            await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        Assert.All(bodies, body => Assert.Equal(2, _app.Twilio.SendAttempts.Count(a => a.Form.GetValueOrDefault("Body") == body))); // refused, then sent once
        Assert.All(bodies, body => Assert.Single(_app.Twilio.Messages, m => m.Body == body));
        // A node that took over a reply still being sent would have found its send mark and looked it up at Twilio.
        Assert.Equal(lookups, Lookups());
    }

    private int Lookups() => _app.Twilio.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));

    private sealed class AheadClock(TimeProvider clock, TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() + ahead;
    }
}
