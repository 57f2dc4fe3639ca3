using Suppuo.Core.Tickets;

namespace Suppuo.Web.Hosting;

/// <summary>W23: wakes snoozed tickets whose time has come, every few seconds, on every node (the wake-up itself lets one win).</summary>
internal sealed class SnoozeWakeWorker(ScopedSender sender, ILogger<SnoozeWakeWorker> logger) : PeriodicWorker(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await sender.Send(new WakeSnoozedTickets(), cancellationToken) > 0 && !cancellationToken.IsCancellationRequested)
        {
            // a full batch may leave more due: take them now rather than at the next tick
        }
    }
}
