using System.Data.Common;
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
/// Waits for a busy database inside SQLite itself instead of failing at once with SQLITE_BUSY. Set on every open, as a
/// call rather than a PRAGMA statement: a pooled connection is opened for every query (bench: ingest).
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const int Milliseconds = 10_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SetBusyTimeout(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetBusyTimeout(connection);
        return Task.CompletedTask;
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
    }
}
