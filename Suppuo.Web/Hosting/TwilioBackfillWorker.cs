using Microsoft.Extensions.Options;
using Suppuo.Core;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W17: looks for Twilio messages whose webhook never arrived at start-up (what came in while the app was down) and
/// every Suppuo:Twilio:BackfillInterval after. A failed run is logged and the next one tries again; it never stops the app.
/// </summary>
internal sealed class TwilioBackfillWorker(ScopedSender sender, IOptions<SuppuoOptions> options, ILogger<TwilioBackfillWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Twilio.BackfillInterval);
        try
        {
            do
            {
                try
                {
                    await sender.Send(new RunTwilioBackfill(), stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly unavailable: the windows stay where they were, the next run covers them.
                    logger.LogError(error, "A Twilio back-fill run failed; the next one tries again");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
