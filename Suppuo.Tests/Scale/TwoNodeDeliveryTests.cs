using Suppuo.Tests.Support;

namespace Suppuo.Tests.Scale;

/// <summary>
/// W26: two nodes over one PostgreSQL database (and one Redis, for the shared key ring), both running their outbox workers, while Twilio takes longer to answer a
/// send than a lease lasts. Each reply's lease is renewed while its send is in flight, so the other node never takes it
/// over: every reply is created once, and no node ever has to look a send up at Twilio.
/// </summary>
[NeedsServices(TestService.Postgres | TestService.Redis)]
public sealed class TwoNodeDeliveryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SuppuoApp _a = null!;
    private SuppuoApp _b = null!;
    private string _bDataDirectory = null!;

    public Task InitializeAsync()
    {
        _database = new TestDatabase();
        // A 3 s lease against 20 s sends: without renewals every send would outlive its lease several times over.
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["Suppuo:Redis"] = TestServices.Redis, // the shared key ring: either node reads the connection's token
            ["Suppuo:Workers:Lease"] = "00:00:03",
            ["Suppuo:Twilio:Timeout"] = "00:00:40",
        };
        _a = new SuppuoApp().WithSetting("Suppuo:NodeId", "node-a");
        foreach (var (key, value) in shared)
            _a.WithSetting(key, value);
        _bDataDirectory = Directory.CreateTempSubdirectory("suppuo-test-node-b-").FullName;
        _b = SuppuoApp.Over(_bDataDirectory, _a.Twilio, new Dictionary<string, string>(shared) { ["Suppuo:NodeId"] = "node-b" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        _database.Dispose();
        Directory.Delete(_bDataDirectory, recursive: true);
    }

    [Fact]
    public async Task W26_replies_whose_sends_outlast_the_lease_are_sent_exactly_once_by_two_nodes()
    {
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        await _b.WithDbAsync(db => Task.FromResult(0)); // node B is up, its workers polling
        var bodies = Enumerable.Range(1, 6).Select(i => $"Balasan {i} #{Guid.NewGuid():N}").ToList();
        for (var i = 0; i < 2 * bodies.Count; i++)
            _a.Twilio.AnswerNextSendAfter(TimeSpan.FromSeconds(20));

        var lookups = Lookups(); // connecting lists the account's messages once (W17)
        var messageIds = new List<int>();
        foreach (var body in bodies)
            messageIds.Add((await number.Workspace.ReplyAsync(ticketId, body)).Int("id"));

        foreach (var messageId in messageIds)
            await Eventually.WaitForAsync(
                async () => (await number.Workspace.MessageAsync(ticketId, messageId))["delivery"]!.Str("status"),
                status => status == "sent", "the reply to be sent");
        Assert.All(bodies, body => Assert.Single(_a.Twilio.SendAttempts, a => a.Form.GetValueOrDefault("Body") == body));
        Assert.All(bodies, body => Assert.Single(_a.Twilio.Messages, m => m.Body == body));
        // A node that took over a send still in flight would have found its send mark and looked it up at Twilio.
        Assert.Equal(lookups, Lookups());
    }

    private int Lookups() => _a.Twilio.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
}
