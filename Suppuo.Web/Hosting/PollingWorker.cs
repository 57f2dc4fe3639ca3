using Microsoft.Extensions.Options;
using Suppuo.Core;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Delivery;
using Suppuo.Core.Email;
using Suppuo.Core.Tickets;

namespace Suppuo.Web.Hosting;

/// <summary>
/// Runs one durable Core job for as long as the app runs: at start-up (so work queued before a restart resumes),
/// whenever its signal says there is new work, and every poll interval for retries that come due.
/// </summary>
internal abstract class PollingWorker(IPollingJob job, WorkSignal signal, IOptions<SuppuoOptions> options, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Workers.PollInterval;
        try
        {
            await job.StartAsync(stoppingToken); // e.g. frees the leases this node held before a crash (W26)
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            // Not fatal: those rows are found again once their leases run out.
            logger.LogError(error, "Starting {Job} failed; its earlier leases run out on their own", job.GetType().Name);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await job.RunOnceAsync(stoppingToken) > 0)
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
                logger.LogError(error, "A {Job} pass failed; trying again shortly", job.GetType().Name);
                await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>The reply outbox (W11).</summary>
internal sealed class OutboxWorker(OutboxDispatcher job, DeliverySignal signal, IOptions<SuppuoOptions> options, ILogger<OutboxWorker> logger)
    : PollingWorker(job, signal, options, logger);

/// <summary>Tickets created outside WhatsApp ingest into the search index (SQLite), right after their transaction.</summary>
internal sealed class TicketSearchWorker(IndexNewTickets job, TicketSearchSignal signal, IOptions<SuppuoOptions> options, ILogger<TicketSearchWorker> logger)
    : PollingWorker(job, signal, options, logger);

/// <summary>Inbound media downloads (W8).</summary>
internal sealed class MediaDownloadWorker(MediaDownloadJob job, MediaDownloadSignal signal, IOptions<SuppuoOptions> options, ILogger<MediaDownloadWorker> logger)
    : PollingWorker(job, signal, options, logger);

/// <summary>The customer mail outbox (W12).</summary>
internal sealed class EmailOutboxWorker(EmailOutbox job, EmailOutboxSignal signal, IOptions<SuppuoOptions> options, ILogger<EmailOutboxWorker> logger)
    : PollingWorker(job, signal, options, logger);
