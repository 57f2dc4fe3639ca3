using Suppuo.Core.Data;

namespace Suppuo.Web.Hosting;

/// <summary>Keeps SQLite's planner statistics following the data (see <see cref="RefreshQueryStatistics"/>), every few minutes.</summary>
internal sealed class QueryStatisticsWorker(ScopedSender sender, ILogger<QueryStatisticsWorker> logger) : PeriodicWorker(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await sender.Send(new RefreshQueryStatistics(), cancellationToken))
            logger.LogInformation("SQLite's query statistics were refreshed");
    }
}
