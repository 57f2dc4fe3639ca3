using Microsoft.Extensions.Options;
using Suppuo.Core;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W17: looks for Twilio messages whose webhook never arrived at start-up (what came in while the app was down) and
/// every Suppuo:Twilio:BackfillInterval after. A failed run leaves the windows where they were; the next covers them.
/// </summary>
internal sealed class TwilioBackfillWorker(ScopedSender sender, IOptions<SuppuoOptions> options, ILogger<TwilioBackfillWorker> logger)
    : PeriodicWorker(logger)
{
    protected override TimeSpan Interval => options.Value.Twilio.BackfillInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sender.Send(new RunTwilioBackfill(), cancellationToken);
}
