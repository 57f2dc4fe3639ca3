using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Suppuo.Core.Operations;

/// <summary>
/// Suppuo's own metrics and traces (W25): one Meter and one ActivitySource, both named "Suppuo". Served at /metrics when
/// Suppuo:Metrics:Enabled, traced over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; with neither, recording costs an
/// instrument's check for listeners and nothing more. Instruments are static: the hot path reaches them without DI, and
/// adding to a counter with a tag or two allocates nothing.
/// </summary>
public static class SuppuoTelemetry
{
    public const string Name = "Suppuo";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Inbound messages the webhooks brought, by provider (twilio, cloud).</summary>
    public static readonly Counter<long> WebhookMessagesReceived =
        Meter.CreateCounter<long>("suppuo.webhook.messages.received", "{message}", "Inbound messages that webhooks delivered");
    public static readonly Counter<long> WebhookMessagesStored =
        Meter.CreateCounter<long>("suppuo.webhook.messages.stored", "{message}", "Inbound messages stored for the first time");
    public static readonly Counter<long> WebhookMessagesDuplicate =
        Meter.CreateCounter<long>("suppuo.webhook.messages.duplicate", "{message}", "Provider retries of messages already stored (W7)");

    public static readonly Histogram<int> IngestBatchSize =
        Meter.CreateHistogram<int>("suppuo.ingest.batch_size", "{message}", "Inbound messages committed together");
    public static readonly Histogram<double> IngestCommitDuration =
        Meter.CreateHistogram<double>("suppuo.ingest.commit_duration", "s", "From a batch's first query to its commit");

    /// <summary>Sends that failed, by provider and reason: transient (retried later), refused (failed for good), disconnected.</summary>
    public static readonly Counter<long> DeliveriesFailed =
        Meter.CreateCounter<long>("suppuo.deliveries.failed", "{attempt}", "Reply sends that did not go through");

    public static readonly UpDownCounter<long> OpenCircuits =
        Meter.CreateUpDownCounter<long>("suppuo.circuits.open", "{circuit}", "Open Blazor circuits (inboxes and ticket views) on this node");

    public static readonly Counter<long> LiveEventsFannedOut =
        Meter.CreateCounter<long>("suppuo.live.events_fanned_out", "{notification}", "Live events handed to open inboxes and ticket views on this node");

    /// <summary>The queues as last sampled (see GetBacklog); empty until the first sample.</summary>
    private static volatile IReadOnlyList<QueueBacklog> _backlog = [];

    static SuppuoTelemetry()
    {
        Meter.CreateObservableGauge("suppuo.queue.depth", () => _backlog.SelectMany(queue => new[]
        {
            new Measurement<long>(queue.Waiting, new("queue", queue.Queue), new("state", "waiting")),
            new Measurement<long>(queue.Retrying, new("queue", queue.Queue), new("state", "retrying")),
        }), "{row}", "Rows of the reply outbox (replies), media downloads (media) and mail outbox (mail) not yet done; retrying: tried and failed at least once");
        Meter.CreateObservableGauge("suppuo.queue.oldest_due_age", () => _backlog.Select(queue =>
            new Measurement<double>(queue.OldestDueAge.TotalSeconds, new KeyValuePair<string, object?>("queue", queue.Queue))),
            "s", "How long the queue's longest-due row has been due");
    }

    public static void RecordBacklog(IReadOnlyList<QueueBacklog> backlog) => _backlog = backlog;

    /// <summary>A provider's tag value, as the metrics name it.</summary>
    public static KeyValuePair<string, object?> Provider(string provider) => new("provider", provider);
}
