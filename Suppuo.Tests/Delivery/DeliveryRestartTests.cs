using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.Delivery;

/// <summary>W11: a crash or restart loses no queued delivery, and no reply is ever sent twice.</summary>
public sealed class DeliveryRestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("suppuo-restart-").FullName;
    private readonly FakeTwilio _twilio = FakeTwilio.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _twilio.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    [Fact]
    public async Task W11_queued_deliveries_survive_a_restart_and_each_goes_out_exactly_once()
    {
        var bodies = Enumerable.Range(1, 3).Select(i => $"Balasan {i} #{Guid.NewGuid():N}").ToList();
        int workspaceId, ticketId;
        List<int> messageIds;

        // First run: Twilio answers every send with 503, so nothing leaves, and some attempts may even have arrived.
        using (var before = SuppuoApp.Over(_dataDirectory, _twilio))
        {
            var number = await before.ConnectTwilioAsync(await before.CreateWorkspaceAsync());
            workspaceId = number.Workspace.Id;
            ticketId = await number.Workspace.WhatsAppTicketAsync();
            _twilio.FailNext("messages", 503, 20503, "Service Unavailable", times: 10_000);
            messageIds = [];
            foreach (var body in bodies)
                messageIds.Add((await number.Workspace.ReplyAsync(ticketId, body)).Int("id"));
            await Eventually.WaitUntilAsync(() => bodies.All(b => _twilio.SendAttempts.Any(a => a.Form.GetValueOrDefault("Body") == b)),
                "every reply to have been tried once");
            Assert.Empty(_twilio.Messages);
        }

        _twilio.Recover();
        using var after = SuppuoApp.Over(_dataDirectory, _twilio);
        var key = await after.SendAsync(new CreateApiKey(workspaceId, "after restart"));
        var api = after.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        var workspace = new TestWorkspace(workspaceId, "", "", api);

        foreach (var messageId in messageIds)
            await workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
        foreach (var body in bodies)
            Assert.Single(_twilio.Messages, m => m.Body == body);
    }
}
