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
}
