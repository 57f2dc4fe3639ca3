using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Suppuo.Core.Data;

public static class SqliteSetup
{
    public static string DefaultConnectionString(string dataDirectory) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "suppuo.db"), DefaultTimeout = 30 }.ToString();

    /// <summary>
    /// Applies pending migrations, switches the file to WAL, so readers never wait for the writer, and refreshes the
    /// query planner's statistics.
    /// </summary>
    public static async Task MigrateAsync(SuppuoDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.GetDbConnection() is SqliteConnection { DataSource: var file } && !string.IsNullOrEmpty(file))
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        // Without statistics SQLite takes "WorkspaceId = ?" for a narrow filter, and a search walked every ticket of
        // the workspace to test each against the search hits instead of fetching the hits themselves. Sampled
        // (analysis_limit), it takes milliseconds on a million messages.
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);
    }
}

/// <summary>
/// Each native connection, the first time it is opened (they are pooled, and EF opens one for every query): waits for a
/// busy database inside SQLite itself instead of failing at once with SQLITE_BUSY, reads the file through memory
/// mapping, and keeps a page cache that holds what a batch of new tickets touches. With SQLite's 2 MB default, a ticket's
/// eight indexes and its search index did not fit: pages were evicted and read again within the transaction, and a
/// ticket insert cost 2.9 ms of CPU instead of 0.35 ms (20k tickets, batches of 50). Without the mapping every page
/// read is a system call and a copy (perf, bench: ingest).
/// </summary>
internal sealed class SqliteConnectionSetupInterceptor : DbConnectionInterceptor
{
    private const int BusyTimeoutMilliseconds = 10_000;
    private const long MemoryMapBytes = 1L << 30;
    private const int CacheKibibytes = 64 * 1024;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    /// <summary>Also for a connection opened outside EF: the ingest writer's own (SqliteIngestStore).</summary>
    internal static void Configure(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Configured.TryGetValue(handle, out _))
            return;
        SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds);
        using (var command = sqlite.CreateCommand())
        {
            command.CommandText = $"PRAGMA mmap_size={MemoryMapBytes}; PRAGMA cache_size=-{CacheKibibytes}; PRAGMA temp_store=MEMORY;";
            command.ExecuteNonQuery();
        }
        Configured.AddOrUpdate(handle, new object());
    }
}
