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

/// <summary>Waits for a busy database inside SQLite itself instead of failing at once with SQLITE_BUSY.</summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
