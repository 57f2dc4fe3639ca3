using Microsoft.Extensions.DependencyInjection;
using Suppuo.Tests.Support;
using Suppuo.Web.Live;

namespace Suppuo.Tests.Scale;

/// <summary>W23 presence across two nodes over one Redis: a circuit on node A is seen by inboxes and tickets on node B.</summary>
[NeedsServices(TestService.Postgres | TestService.Redis)]
public sealed class TwoNodePresenceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SuppuoApp _a = null!;
    private SuppuoApp _b = null!;
    private string _bDataDirectory = null!;

    public Task InitializeAsync()
    {
        _database = new TestDatabase();
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["Suppuo:Redis"] = TestServices.Redis,
        };
        _a = new SuppuoApp();
        foreach (var (key, value) in shared)
            _a.WithSetting(key, value);
        _bDataDirectory = Directory.CreateTempSubdirectory("suppuo-test-node-b-").FullName;
        _b = SuppuoApp.Over(_bDataDirectory, _a.Twilio, shared);
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
    public async Task W23_viewing_and_typing_on_node_A_show_on_node_B_and_clear_when_the_circuit_goes_down()
    {
        var workspace = await _a.CreateWorkspaceAsync();
        var onA = _a.Services.GetRequiredService<PresenceBoard>();
        var onB = _b.Services.GetRequiredService<PresenceBoard>();
        var changesOnB = 0;
        using var subscription = onB.Subscribe(workspace.Id, () => { Interlocked.Increment(ref changesOnB); return Task.CompletedTask; });

        // One circuit of node A, as the ticket page drives it.
        using var scope = _a.Services.CreateScope();
        var circuit = scope.ServiceProvider.GetRequiredService<CircuitPresence>();
        circuit.View(workspace.Id, ticketId: 7, "budi-id", "Budi");
        await Eventually.WaitForAsync(() => Task.FromResult(onB.Others(workspace.Id, 7, "someone-else")),
            others => others is [{ Name: "Budi", Activity: PresenceActivity.Viewing }], "node B to see Budi viewing");

        circuit.Typing(note: false);
        await Eventually.WaitForAsync(() => Task.FromResult(onB.Others(workspace.Id, 7, "someone-else")),
            others => others is [{ Activity: PresenceActivity.TypingReply }], "node B to see Budi typing");

        // The heartbeat repeats what B knows: no change, no re-render there.
        var before = Volatile.Read(ref changesOnB);
        onA.Heartbeat();
        await Task.Delay(300);
        Assert.Equal(before, Volatile.Read(ref changesOnB));

        circuit.ConnectionDown();
        await Eventually.WaitForAsync(() => Task.FromResult(onB.Others(workspace.Id, 7, "someone-else")), others => others.Count == 0, "node B to see Budi gone");
        Assert.Empty(onA.Others(workspace.Id, 7, "someone-else"));
    }
}
