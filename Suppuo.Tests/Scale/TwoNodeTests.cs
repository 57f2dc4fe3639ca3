using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using Suppuo.Web.Live;

namespace Suppuo.Tests.Scale;

/// <summary>
/// Two nodes behind one load balancer (README, "Running several nodes"): two app instances with data folders of their
/// own, over one PostgreSQL database and one Redis, both running their background workers.
/// </summary>
[NeedsServices(TestService.Postgres | TestService.Redis)]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private const string Customer = "+6281234567890";

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
    public async Task Both_nodes_run_on_the_one_postgresql_database()
    {
        var workspace = await _a.CreateWorkspaceAsync();
        Assert.True(await _b.WithDbAsync(db => Task.FromResult(db.Database.IsNpgsql())));
        Assert.True(await _b.WithDbAsync(db => db.Workspaces.AnyAsync(w => w.Id == workspace.Id)));
    }

    [Fact]
    public async Task A_webhook_to_node_A_shows_live_in_an_inbox_held_by_node_B_and_only_once_on_A()
    {
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        var onA = new LiveLog(_a, number.Workspace.Id);
        var onB = new LiveLog(_b, number.Workspace.Id);

        await _a.SendWhatsAppAsync(number, "+6281111111111", "Halo dari A");
        var ticketA = await Eventually.WaitForAsync(() => Task.FromResult(onB.Added()), added => added.Count == 1, "node B to hear of A's message");

        // B's own event reaches A through Redis after A's echo of its own would have: past it, A has heard all it will.
        await _b.SendWhatsAppAsync(number, "+6282222222222", "Halo dari B");
        await Eventually.WaitForAsync(() => Task.FromResult(onA.Added()), added => added.Count == 2, "node A to hear of B's message");
        Assert.Single(onA.Added(), ticket => ticket == ticketA.Single());
        Assert.Single(onB.Added(), ticket => ticket == ticketA.Single());
    }

    [Fact]
    public async Task A_connection_saved_through_node_A_checks_webhook_signatures_on_node_B()
    {
        // The auth token is encrypted with A's Data Protection key; B verifies Twilio's signature with it.
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        await _b.SendWhatsAppAsync(number, "+6283333333333", "Signed for A, received by B");
        Assert.Single(await number.Workspace.TicketsOfAsync("+6283333333333"));
    }

    [Fact]
    public async Task Twenty_concurrent_first_messages_through_both_nodes_make_one_ticket()
    {
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Node(i).SendWhatsAppAsync(number, Customer, $"Pesan {i}")));

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal(20, await MessageCountAsync(ticket.Int("id")));
    }

    [Fact]
    public async Task After_a_close_messages_racing_through_both_nodes_open_one_fresh_ticket()
    {
        // The customer's conversation row exists already: only its lock, not its unique index, keeps the two nodes
        // from each opening a ticket of their own.
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        await _a.SendWhatsAppAsync(number, Customer, "Pertama");
        var closed = Assert.Single(await number.Workspace.TicketsOfAsync()).Int("id");
        await number.Workspace.Api.PatchAsync($"/api/v1/tickets/{closed}", Json.Body("""{"status":"closed"}"""));

        // Every ingest transaction updates the connection's row last: holding it keeps both nodes' messages in flight
        // at once, each past whatever it decided, until both wait on a lock.
        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("""SELECT 1 FROM "WhatsAppConnections" WHERE "Id" = $1 FOR UPDATE""", blocker, hold) { Parameters = { new() { Value = number.ConnectionId } } }
            .ExecuteNonQueryAsync();
        var sends = new[] { _a.SendWhatsAppAsync(number, Customer, "Baru dari A"), _b.SendWhatsAppAsync(number, Customer, "Baru dari B") };
        await Eventually.WaitForAsync(() => WaitingOnLocksAsync(blocker), waiting => waiting == 2, "both nodes' ingest to wait on a lock");
        await hold.RollbackAsync();
        await Task.WhenAll(sends);

        var fresh = Assert.Single(await number.Workspace.TicketsOfAsync(), t => t.Int("id") != closed);
        Assert.Equal(2, await MessageCountAsync(fresh.Int("id")));
    }

    private static async Task<long> WaitingOnLocksAsync(NpgsqlConnection connection) =>
        (long)(await new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection)
            .ExecuteScalarAsync())!;

    [Fact]
    public async Task Retries_of_one_message_through_both_nodes_store_it_once()
    {
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        var sid = TwilioNumbers.NewMessageSid();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Node(i).SendWhatsAppAsync(number, Customer, "Halo", messageSid: sid)));

        var ticket = Assert.Single(await number.Workspace.TicketsOfAsync());
        Assert.Equal(1, await MessageCountAsync(ticket.Int("id")));
    }

    [Fact]
    public async Task With_both_nodes_outbox_workers_running_each_of_thirty_replies_is_sent_exactly_once()
    {
        var number = await _a.ConnectTwilioAsync(await _a.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        var onB = number.Workspace with { Api = _b.CreateClient() };
        onB.Api.DefaultRequestHeaders.Authorization = number.Workspace.Api.DefaultRequestHeaders.Authorization;

        // Queued through both nodes, so each node's worker is woken for some and polls for the others.
        var bodies = Enumerable.Range(1, 30).Select(i => $"Balasan {i} {Guid.NewGuid():N}").ToList();
        var replies = await Task.WhenAll(bodies.Select((body, i) => (i % 2 == 0 ? number.Workspace : onB).ReplyAsync(ticketId, body)));
        foreach (var reply in replies)
            await number.Workspace.WaitForDeliveryAsync(ticketId, reply.Int("id"), "sent");

        var sent = _a.Twilio.Messages.Where(m => m.AccountSid == number.AccountSid).Select(m => m.Body).ToList();
        Assert.Equal(bodies.Order(), sent.Order());
    }

    private SuppuoApp Node(int i) => i % 2 == 0 ? _a : _b;

    private Task<int> MessageCountAsync(int ticketId) => _a.WithDbAsync(db => db.Messages.CountAsync(m => m.TicketId == ticketId));

    /// <summary>What one node's live inbox for a workspace is told, as an open browser tab on that node would be.</summary>
    private sealed class LiveLog
    {
        private readonly List<LiveEvent> _events = [];

        public LiveLog(SuppuoApp node, int workspaceId) =>
            node.Services.GetRequiredService<WorkspaceEvents>().Subscribe(workspaceId, live =>
            {
                lock (_events)
                    _events.Add(live);
                return Task.CompletedTask;
            });

        /// <summary>The tickets of the MessageAdded events heard, one entry per event.</summary>
        public List<int> Added()
        {
            lock (_events)
                return _events.Where(e => e.Kind == nameof(MessageAdded)).Select(e => e.TicketId).ToList();
        }
    }
}
