using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Tests.Data;

/// <summary>W19's migration: a beta install's tickets take the connection they came through, or the workspace's only (default) one.</summary>
public sealed class MultiNumberBackfillTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("suppuo-backfill-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task W19_existing_tickets_take_the_connection_they_came_through_or_the_workspaces_default()
    {
        await using var db = new SuppuoDbContext(new DbContextOptionsBuilder<SuppuoDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "beta.db"), Pooling = false }.ToString()).Options);
        var migrations = db.Database.GetMigrations().ToList();
        var multiNumber = migrations.FindIndex(m => m.EndsWith("_MultiNumberWorkspaces", StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(migrations[multiNumber - 1]);
        // The beta: one Twilio and one Cloud number (connected later, so it sent the replies), a ticket through each, one
        // made through the API with no message from a number, a conversation lock, and a second workspace's own number.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Workspaces (Id, Name, CreatedAt) VALUES (1, 'Toko Elektronik', '2026-11-20 08:00:00'), (2, 'Toko Lain', '2026-11-20 08:00:00');
            INSERT INTO WhatsAppConnections (Id, WorkspaceId, Provider, PhoneNumber, PhoneNumberId, AccountSid, ConnectedAt, Health, Backfill_Recovered) VALUES
                (7, 1, 'Twilio', '+622150001111', NULL, 'AC00000000000000000000000000000001', '2026-11-20 08:10:00', 'ok', 0),
                (8, 1, 'Cloud', NULL, '400000000000008', NULL, '2026-11-21 08:10:00', 'ok', 0),
                (9, 2, 'Twilio', '+622150002222', NULL, 'AC00000000000000000000000000000002', '2026-11-20 08:10:00', 'ok', 0);
            INSERT INTO Tickets (Id, WorkspaceId, Subject, Status, Channel, RequesterPhone, StatusToken, CreatedAt, UpdatedAt, LastMessageAt) VALUES
                (1, 1, 'Lewat Twilio', 'Open', 'WhatsApp', '+6281234567890', 't1', '2026-11-20 09:00:00', '2026-11-20 09:00:00', '2026-11-20 09:00:00'),
                (2, 1, 'Lewat Cloud', 'Open', 'WhatsApp', '+6281234567891', 't2', '2026-11-21 09:00:00', '2026-11-21 09:00:00', '2026-11-21 09:00:00'),
                (3, 1, 'Dari API', 'Open', 'WhatsApp', '+6281234567892', 't3', '2026-11-21 10:00:00', '2026-11-21 10:00:00', '2026-11-21 10:00:00'),
                (4, 1, 'Lewat email', 'Open', 'Email', NULL, 't4', '2026-11-21 10:00:00', '2026-11-21 10:00:00', '2026-11-21 10:00:00'),
                (5, 2, 'Toko lain', 'Open', 'WhatsApp', '+6281234567890', 't5', '2026-11-21 10:00:00', '2026-11-21 10:00:00', '2026-11-21 10:00:00');
            INSERT INTO Messages (TicketId, Author, Internal, Body, ConnectionId, ProviderMessageId, CreatedAt) VALUES
                (1, 'Requester', 0, 'Halo', 7, 'SM0001', '2026-11-20 09:00:00'),
                (2, 'Requester', 0, 'Halo', 8, 'wamid.1', '2026-11-21 09:00:00'),
                (5, 'Requester', 0, 'Halo', 9, 'SM0002', '2026-11-21 10:00:00');
            INSERT INTO Conversations (WorkspaceId, RequesterKey, CreatedAt) VALUES (1, '+6281234567890', '2026-11-20 09:00:00');
            """);

        await SuppuoDatabase.MigrateAsync(db);

        var connectionOf = await db.Tickets.AsNoTracking().ToListWithConnectionIdAsync(db, CancellationToken.None);
        Assert.Equal([7, 8, 8, null, 9], connectionOf.OrderBy(t => t.Id).Select(t => t.ConnectionId));
        var connections = await db.WhatsAppConnections.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([false, true, true], connections.Select(c => c.IsDefault)); // the beta replied through the most recent
        Assert.Equal(["+622150001111", "400000000000008", "+622150002222"], connections.Select(c => c.Label));
        Assert.Equal(["+622150001111", "cloud:400000000000008", "+622150002222"],
            await db.BusinessNumbers.OrderBy(n => n.ConnectionId).Select(n => n.Key).ToListAsync());
        Assert.Empty(await db.Conversations.ToListAsync()); // locks, made again per number on the next message
    }
}
