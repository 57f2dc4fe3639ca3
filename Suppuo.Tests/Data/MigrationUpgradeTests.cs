using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Tests.Data;

/// <summary>
/// Beta installs upgrade through every SQLite migration since the first, on a real file. The search index and the
/// inbox counts live in triggers on Tickets that EF does not know of, and SQLite drops a table's triggers with the
/// table: a migration EF carries out by rebuilding Tickets (a new foreign key, a changed column) would lose them
/// without an error, and search and the tab counts would silently go stale.
/// </summary>
public sealed partial class MigrationUpgradeTests : IDisposable
{
    /// <summary>The triggers on Tickets the latest migration leaves (the insert into the search index went to IndexNewTickets).</summary>
    private static readonly string[] TicketTriggers =
    [
        "Tickets_AssigneeCountDelete", "Tickets_AssigneeCountInsert", "Tickets_AssigneeCountUpdate",
        "Tickets_CountDelete", "Tickets_CountInsert", "Tickets_CountUpdate",
        "Tickets_SearchDelete", "Tickets_SearchUpdate",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("suppuo-migrations-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SuppuoDbContext Open(string file) => new(new DbContextOptionsBuilder<SuppuoDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, file), Pooling = false }.ToString())
        .Options);

    [Fact]
    public async Task A_database_of_the_first_migration_upgrades_with_its_tickets_found_by_search_and_counted()
    {
        await using var db = Open("upgraded.db");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().First());
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Workspaces (Id, Name, CreatedAt) VALUES (1, 'Toko Elektronik', '2026-11-20 08:00:00');
            INSERT INTO Tickets (Id, WorkspaceId, Subject, Status, Channel, RequesterName, RequesterEmail, RequesterPhone, RequesterWhatsAppId,
                                 AssigneeId, StatusToken, CreatedAt, UpdatedAt, LastMessageAt) VALUES
                (1, 1, 'Kulkas tidak dingin', 'Open', 'WhatsApp', 'Budi Santoso', NULL, '+6281234567890', NULL, NULL, 'token-1',
                 '2026-11-20 09:00:00', '2026-11-20 09:00:00', '2026-11-20 09:05:00'),
                (2, 1, 'Mesin cuci bocor', 'Pending', 'Email', 'Sulastri', 'sulastri@example.com', NULL, NULL, NULL, 'token-2',
                 '2026-11-20 10:00:00', '2026-11-20 10:00:00', '2026-11-20 10:00:00');
            INSERT INTO Messages (TicketId, Author, Internal, Body, AuthorUserId, ConnectionId, ProviderMessageId, CreatedAt) VALUES
                (1, 'Requester', 0, 'Kulkas saya tidak dingin sejak kemarin.', NULL, NULL, 'SM0001', '2026-11-20 09:00:00'),
                (1, 'Agent', 0, 'Baik, teknisi kami datang besok.', NULL, NULL, NULL, '2026-11-20 09:05:00'),
                (2, 'Requester', 0, 'Mesin cuci bocor di bawah.', NULL, NULL, NULL, '2026-11-20 10:00:00');
            """);

        await SuppuoDatabase.MigrateAsync(db); // as the app does at start

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var tickets = await db.Tickets.Include(t => t.Messages).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(["Kulkas tidak dingin", "Mesin cuci bocor"], tickets.Select(t => t.Subject));
        Assert.Equal([2, 1], tickets.Select(t => t.Messages.Count));
        Assert.Equal(TicketTriggers, await TicketTriggersAsync(db));

        var found = await SearchAsync(db, "kulkas");
        Assert.Equal([1], found.Items.Select(i => i.Id));
        Assert.Equal(1, found.Total);
        var inbox = await SearchAsync(db, search: null);
        Assert.Equal(1, inbox.Counts.GetValueOrDefault(TicketStatus.Open));
        Assert.Equal(1, inbox.Counts.GetValueOrDefault(TicketStatus.Pending));

        // Both tickets are below the index's mark since the upgrade: only the triggers can tell the index and the counts.
        await db.Tickets.Where(t => t.Id == 1).ExecuteUpdateAsync(t => t.SetProperty(x => x.Subject, "Freezer berisik").SetProperty(x => x.Status, TicketStatus.Resolved));
        Assert.Empty((await SearchAsync(db, "kulkas")).Items);
        Assert.Equal([1], (await SearchAsync(db, "freezer")).Items.Select(i => i.Id));
        inbox = await SearchAsync(db, search: null);
        Assert.Equal(0, inbox.Counts.GetValueOrDefault(TicketStatus.Open));
        Assert.Equal(1, inbox.Counts.GetValueOrDefault(TicketStatus.Resolved));
        await db.Database.ExecuteSqlRawAsync("INSERT INTO TicketSearch(TicketSearch, rank) VALUES ('integrity-check', 1);");
    }

    [Fact]
    public async Task A_database_built_from_scratch_has_the_schema_and_triggers_of_an_upgraded_one()
    {
        await using var upgraded = Open("upgraded.db");
        var migrator = upgraded.GetService<IMigrator>();
        foreach (var migration in upgraded.Database.GetMigrations())
            await migrator.MigrateAsync(migration);
        await using var fresh = Open("fresh.db");
        await fresh.Database.MigrateAsync();

        Assert.Equal(TicketTriggers, await TicketTriggersAsync(fresh));
        Assert.Equal(await SchemaAsync(fresh, "SELECT type || ' ' || name AS Value FROM sqlite_master"),
            await SchemaAsync(upgraded, "SELECT type || ' ' || name AS Value FROM sqlite_master"));
        Assert.Equal(await SchemaAsync(fresh, "SELECT name || ': ' || sql AS Value FROM sqlite_master WHERE type = 'trigger'"),
            await SchemaAsync(upgraded, "SELECT name || ': ' || sql AS Value FROM sqlite_master WHERE type = 'trigger'"));
    }

    /// <summary>
    /// For the migrations to come: one that rebuilds a table must create the table's triggers again in its Up
    /// (migrationBuilder.Sql); only a trigger a migration drops by name may go.
    /// </summary>
    [Fact]
    public async Task No_migration_loses_a_trigger_it_does_not_drop_by_name()
    {
        await using var db = Open("stepwise.db");
        var migrator = db.GetService<IMigrator>();
        var migrations = db.GetService<IMigrationsAssembly>();
        var before = new List<string>();
        foreach (var (id, type) in migrations.Migrations)
        {
            await migrator.MigrateAsync(id);
            var after = await SchemaAsync(db, "SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'");
            var dropped = migrations.CreateMigration(type, db.Database.ProviderName!).UpOperations.OfType<SqlOperation>()
                .SelectMany(operation => DropTrigger().Matches(operation.Sql).Select(match => match.Groups[1].Value));
            var lost = before.Except(after).Except(dropped).ToList();
            Assert.True(lost.Count == 0, $"{id} lost the triggers {string.Join(", ", lost)}: create them again in its Up.");
            before = after;
        }
        Assert.Equal(TicketTriggers, await TicketTriggersAsync(db));
    }

    private static Task<InboxPage> SearchAsync(SuppuoDbContext db, string? search) =>
        new SearchInboxHandler(db).Handle(new SearchInbox(WorkspaceId: 1, UserId: null, Search: search), CancellationToken.None);

    private static Task<List<string>> TicketTriggersAsync(SuppuoDbContext db) =>
        SchemaAsync(db, "SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Tickets'");

    private static Task<List<string>> SchemaAsync(SuppuoDbContext db, string query) =>
        db.Database.SqlQueryRaw<string>(query).OrderBy(value => value).ToListAsync();

    [GeneratedRegex(@"DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?""?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DropTrigger();
}
