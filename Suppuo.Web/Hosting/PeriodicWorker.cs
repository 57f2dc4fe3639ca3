namespace Suppuo.Web.Hosting;

/// <summary>
/// Runs one Core task at start-up and every <see cref="Interval"/> after, for as long as the app runs. A failed run is
/// logged and the next one tries again; it never stops the app.
/// </summary>
internal abstract class PeriodicWorker(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly unavailable: what a run would have done is still there for the next.
                    logger.LogError(error, "A {Worker} run failed; the next one tries again", GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
