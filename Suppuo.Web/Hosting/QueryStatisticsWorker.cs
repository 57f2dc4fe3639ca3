using Suppuo.Core.Data;

namespace Suppuo.Web.Hosting;

/// <summary>Keeps SQLite's planner statistics following the data (see <see cref="RefreshQueryStatistics"/>), every few minutes.</summary>
internal sealed class QueryStatisticsWorker(ScopedSender sender, ILogger<QueryStatisticsWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await sender.Send(new RefreshQueryStatistics(), stoppingToken))
                        logger.LogInformation("SQLite's query statistics were refreshed");
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(error, "Refreshing SQLite's query statistics failed; the next run tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
