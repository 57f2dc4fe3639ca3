using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Suppuo.Core.Data;

/// <summary>
/// SQLite: brings the query planner's statistics up to date once the data has doubled since they were taken; answers
/// whether it did. A new install's start-up ANALYZE sees empty tables, and as they grew SQLite's guesses became scans:
/// the ingest bench on a database that had grown from empty threaded 600 messages a second, and 2,100 after a restart
/// had analysed it (docs/decisions/009). Messages is the table that grows fastest; its ids, always increasing, count
/// its rows well enough. (`PRAGMA optimize` was tried: it lists small tables and the search index's own every time.)
/// </summary>
public sealed record RefreshQueryStatistics : IRequest<bool>;

public sealed class RefreshQueryStatisticsHandler(SuppuoDbContext db) : IRequestHandler<RefreshQueryStatistics, bool>
{
    private const int FewestMessagesWorthIt = 1_000;

    public async Task<bool> Handle(RefreshQueryStatistics request, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
            return false;
        var (messages, analysed) = await db.Database.SqlQuery<Sizes>($"""
            SELECT COALESCE((SELECT MAX(Id) FROM Messages), 0) AS Messages,
                   COALESCE((SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'Messages' AND idx IS NOT NULL LIMIT 1), 0) AS Analysed
            """).SingleAsync(cancellationToken);
        if (messages < FewestMessagesWorthIt || messages <= 2 * analysed)
            return false;
        // Sampled: milliseconds on a million messages.
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", cancellationToken);
        // A connection reads the statistics when it loads the schema: pooled ones would keep planning without them.
        SqliteConnection.ClearAllPools();
        return true;
    }

    private sealed record Sizes(long Messages, long Analysed);
}
