using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Operations;

/// <summary>
/// W25: `/healthz/ready` is 503 only for this node's own faults; what all nodes share is `degraded` inside a 200. Each
/// test breaks its own app, so none shares a fixture.
/// </summary>
public class ReadinessTests
{
    [Fact]
    public async Task W25_ready_is_healthy_and_names_each_check_while_all_is_well()
    {
        using var app = new SuppuoApp();
        var (status, body) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.Str("status"));
        foreach (var check in new[] { "database", "migrations", "outbox", "providers" })
            Assert.Equal("healthy", body["checks"]![check].Str("status"));
        Assert.Equal("ok", await app.CreateClient().GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task W25_ready_is_503_when_this_nodes_database_goes_away()
    {
        using var app = new SuppuoApp();
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(app)).Status);

        var aside = app.DataDirectory + "-moved";
        Directory.Move(app.DataDirectory, aside);
        try
        {
            // Pooled native connections still hold the moved file; a new one finds no database where it should be.
            SqliteConnection.ClearAllPools();
            var (status, body) = await ReadyAsync(app);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unhealthy", body.Str("status"));
            Assert.Equal("unhealthy", body["checks"]!["database"].Str("status"));
            // Alive all the same: the node is not restarted for an outage it cannot mend.
            Assert.Equal("ok", await app.CreateClient().GetStringAsync("/healthz"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Move(aside, app.DataDirectory);
        }
    }

    [Fact]
    public async Task W25_ready_is_200_degraded_naming_the_outbox_when_replies_are_stuck()
    {
        using var app = new SuppuoApp();
        var workspace = await app.CreateWorkspaceAsync();
        var ticketId = (await app.InsertTicketsAsync(workspace.Id, 1, "Stuck reply", DateTime.UtcNow)).Single();
        var now = DateTime.UtcNow;
        // A reply due an hour ago, held by a node that died and whose lease somehow never ends: no worker can take it.
        await app.WithDbAsync(async db =>
        {
            db.Messages.Add(new Message
            {
                TicketId = ticketId, Author = MessageAuthor.Agent, Body = "Sorry for the wait", CreatedAt = now.AddHours(-1),
                Deliveries =
                {
                    new OutboundDelivery
                    {
                        WorkspaceId = workspace.Id, Status = DeliveryStatus.Queued, NextAttemptAt = now.AddHours(-1), QueuedAt = now.AddHours(-1),
                        LeaseOwner = "a-dead-node/0", LeaseUntil = now.AddDays(1), CreatedAt = now.AddHours(-1), UpdatedAt = now.AddHours(-1),
                    },
                },
            });
            return await db.SaveChangesAsync();
        });

        var (status, body) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", body.Str("status"));
        Assert.Equal("degraded", body["checks"]!["outbox"].Str("status"));
        Assert.Contains("replies", body["checks"]!["outbox"].Str("description"));
        Assert.Equal("healthy", body["checks"]!["database"].Str("status"));
    }

    internal static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(SuppuoApp app)
    {
        var response = await app.CreateClient().GetAsync("/healthz/ready");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(text)!);
    }
}

/// <summary>W25: Redis is shared by every node, so losing it degrades readiness but never takes a node out.</summary>
[NeedsServices(TestService.Redis)]
public sealed class ReadinessWithRedisTests : IAsyncLifetime
{
    private TcpRelay _redis = null!;
    private SuppuoApp _app = null!;

    public Task InitializeAsync()
    {
        _redis = new TcpRelay(TestServices.Redis);
        _app = new SuppuoApp().WithSetting("Suppuo:Redis", _redis.Address + ",connectTimeout=1000,syncTimeout=1000");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task W25_ready_is_200_degraded_naming_redis_when_redis_is_unreachable_and_webhooks_are_still_stored()
    {
        var number = await _app.ConnectTwilioAsync(await _app.CreateWorkspaceAsync());
        var before = await ReadinessTests.ReadyAsync(_app);
        Assert.Equal("healthy", before.Body["checks"]!["redis"].Str("status"));

        _redis.Cut();
        var (status, body) = await Eventually.WaitForAsync(() => ReadinessTests.ReadyAsync(_app),
            ready => ready.Body["checks"]!["redis"].Str("status") == "degraded", "readiness to notice Redis is gone");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", body.Str("status"));
        Assert.Contains("Redis", body["checks"]!["redis"].Str("description"));

        await _app.SendWhatsAppAsync(number, "+6281234500001", "Redis is down, is my message safe?");
        Assert.Single(await number.Workspace.TicketsOfAsync("+6281234500001"));
    }
}

/// <summary>W25 on PostgreSQL: the node's database is a server it can lose.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class ReadinessOnPostgresTests
{
    [Fact]
    public async Task W25_ready_is_503_when_this_nodes_postgresql_database_goes_away()
    {
        using var database = new TestDatabase();
        using var app = new SuppuoApp().WithSetting("ConnectionStrings:Postgres", database.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, (await ReadinessTests.ReadyAsync(app)).Status);

        database.Dispose(); // drops the database, closing every connection to it
        var (status, body) = await ReadinessTests.ReadyAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body["checks"]!["database"].Str("status"));
        Assert.Equal("ok", await app.CreateClient().GetStringAsync("/healthz"));
    }
}
