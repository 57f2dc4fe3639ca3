using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Delivery;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.Delivery;

/// <summary>W11: a crash or restart loses no queued delivery, and no reply is ever sent twice.</summary>
public sealed class DeliveryRestartTests : RestartTest
{
    [Fact]
    public async Task W11_queued_deliveries_survive_a_restart_and_each_goes_out_exactly_once()
    {
        var bodies = Enumerable.Range(1, 3).Select(i => $"Balasan {i} #{Guid.NewGuid():N}").ToList();
        TestWorkspace workspace;
        int ticketId;
        List<int> messageIds;

        // First run: Twilio answers every send with 503, so nothing leaves, and some attempts may even have arrived.
        using (var before = Run())
        {
            var number = await before.ConnectTwilioAsync(await before.CreateWorkspaceAsync());
            workspace = number.Workspace;
            ticketId = await number.Workspace.WhatsAppTicketAsync();
            Twilio.FailNext("messages", 503, 20503, "Service Unavailable", times: 10_000);
            messageIds = [];
            foreach (var body in bodies)
                messageIds.Add((await number.Workspace.ReplyAsync(ticketId, body)).Int("id"));
            await Eventually.WaitUntilAsync(() => bodies.All(b => Twilio.SendAttempts.Any(a => a.Form.GetValueOrDefault("Body") == b)),
                "every reply to have been tried once");
            Assert.Empty(Twilio.Messages);
        }

        Twilio.Recover();
        using var after = Run();
        workspace = await ReopenAsync(after, workspace);

        foreach (var messageId in messageIds)
            await workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        foreach (var body in bodies)
            Assert.Single(Twilio.Messages, m => m.Body == body);
    }

    [Fact]
    public async Task W26_a_restarted_node_reclaims_the_replies_it_held_at_once_and_sends_each_exactly_once()
    {
        // A retry waits an hour: after one refused attempt the first run leaves the replies alone.
        var settings = new Dictionary<string, string>
        {
            ["Suppuo:NodeId"] = "node-a",
            ["Suppuo:Workers:RetryBaseDelay"] = "01:00:00",
            ["Suppuo:Workers:MaxRetryDelay"] = "01:00:00",
        };
        var bodies = Enumerable.Range(1, 4).Select(i => $"Balasan {i} #{Guid.NewGuid():N}").ToList();
        TestWorkspace workspace;
        int ticketId;
        List<int> messageIds = [];
        string inFlightSid = "SM" + Guid.NewGuid().ToString("N");

        using (var before = SuppuoApp.Over(DataDirectory, Twilio, settings))
        {
            var number = await before.ConnectTwilioAsync(await before.CreateWorkspaceAsync());
            workspace = number.Workspace;
            ticketId = await number.Workspace.WhatsAppTicketAsync();
            Twilio.FailNext("messages", 503, 20503, "Service Unavailable", times: bodies.Count);
            foreach (var body in bodies)
                messageIds.Add((await number.Workspace.ReplyAsync(ticketId, body)).Int("id"));
            await Eventually.WaitUntilAsync(() => bodies.All(b => Twilio.SendAttempts.Any(a => a.Form.GetValueOrDefault("Body") == b)),
                "every reply to have been tried once");
            await Eventually.UntilAsync(() => before.WithDbAsync(async db =>
                await db.Deliveries.CountAsync(d => messageIds.Contains(d.MessageId) && d.Attempts == 1 && d.LeaseOwner == null) == bodies.Count ? "refused" : null),
                "the refused attempts to be recorded");

            var othersMessageId = messageIds[^1];
            // The node is killed with these replies in flight: held by its earlier run for an hour more, the first one
            // mid-request (its send mark set) although Twilio did make that message. The last is another node's.
            var now = DateTime.UtcNow;
            await before.WithDbAsync(db => db.Deliveries.Where(d => messageIds.Contains(d.MessageId))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.NextAttemptAt, now).SetProperty(x => x.LeaseOwner, "node-a/" + new string('0', 32))
                    .SetProperty(x => x.LeaseUntil, now.AddHours(1))));
            await before.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageIds[0])
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.SendStartedAt, now)));
            await before.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == othersMessageId)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LeaseOwner, "node-b/" + new string('0', 32))));
            var form = Twilio.SendAttempts.First(a => a.Form.GetValueOrDefault("Body") == bodies[0]).Form;
            Twilio.AddListedMessage(new FakeTwilio.SentMessage(inFlightSid, number.AccountSid, form["From"], form["To"], bodies[0], null, now));
        }

        using var after = SuppuoApp.Over(DataDirectory, Twilio, settings);
        workspace = await ReopenAsync(after, workspace);

        foreach (var messageId in messageIds[..^1])
            await workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        // Each wait above ends within Eventually's 30 s, far inside the hour-long leases they were held by.
        // The one mid-request was found at Twilio, not sent again; the others went out once each.
        Assert.Equal(inFlightSid, await after.WithDbAsync(db => db.Deliveries.Where(d => d.MessageId == messageIds[0]).Select(d => d.ProviderMessageId).SingleAsync()));
        Assert.Single(Twilio.Messages, m => m.Body == bodies[0]);
        Assert.Single(Twilio.SendAttempts, a => a.Form.GetValueOrDefault("Body") == bodies[0]);
        foreach (var body in bodies[1..^1])
            Assert.Single(Twilio.Messages, m => m.Body == body);
        // Another node's lease is that node's to give back, or to run out.
        var othersId = messageIds[^1];
        var other = await after.WithDbAsync(db => db.Deliveries.SingleAsync(d => d.MessageId == othersId));
        Assert.Equal(DeliveryStatus.Queued, other.Status);
        Assert.StartsWith("node-b/", other.LeaseOwner);
    }
}
