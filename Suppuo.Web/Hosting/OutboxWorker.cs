using Microsoft.Extensions.Options;
using Suppuo.Core;
using Suppuo.Core.Delivery;

namespace Suppuo.Web.Hosting;

/// <summary>Runs the outbox (W11) for as long as the app runs: at start-up, whenever a reply is queued, and every poll interval.</summary>
internal sealed class OutboxWorker(OutboxDispatcher dispatcher, DeliverySignal signal, IOptions<SuppuoOptions> options, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Workers.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.RunOnceAsync(stoppingToken) > 0)
                {
                    // A full batch may leave more due rows: keep going before sleeping.
                }
                await signal.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database may be briefly unavailable: log, pause, and carry on — the rows wait for us.
                logger.LogError(error, "The outbox pass failed; trying again shortly");
                await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
