using System.Globalization;
using System.Net;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Operations;

/// <summary>W25: /metrics in Prometheus' text format when Suppuo:Metrics:Enabled, 404 otherwise.</summary>
public class MetricsTests
{
    [Fact]
    public async Task W25_metrics_answer_404_unless_enabled()
    {
        using var app = new SuppuoApp();
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task W25_metrics_are_scraped_with_suppuos_own_names_and_the_webhook_counters_rise()
    {
        using var app = new SuppuoApp().WithSetting("Suppuo:Metrics:Enabled", "true");
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        await app.SendWhatsAppAsync(number, "+6281200000001", "first");

        var before = await Eventually.WaitForAsync(() => ScrapeAsync(app),
            metrics => metrics.ContainsKey(Twilio("suppuo_webhook_messages_stored_total")) && metrics.Keys.Any(k => k.StartsWith("suppuo_queue_depth{", StringComparison.Ordinal)),
            "the first webhook and queue sample to show in /metrics");
        foreach (var name in new[]
        {
            "suppuo_webhook_messages_received_total", "suppuo_webhook_messages_stored_total",
            "suppuo_ingest_batch_size_count", "suppuo_ingest_commit_duration_seconds_count",
            "suppuo_queue_depth", "suppuo_queue_oldest_due_age_seconds",
            "http_server_request_duration_seconds_count", "dotnet_gc_collections_total",
        })
            Assert.True(before.Keys.Any(key => key == name || key.StartsWith(name + "{", StringComparison.Ordinal)), $"/metrics has no {name}: {string.Join(", ", before.Keys.Take(80))}");

        var sid = TwilioNumbers.NewMessageSid();
        await app.SendWhatsAppAsync(number, "+6281200000002", "second", sid);
        await app.SendWhatsAppAsync(number, "+6281200000002", "second", sid); // Twilio's retry: a duplicate (W7)
        await app.SendWhatsAppAsync(number, "+6281200000003", "third");

        var after = await Eventually.WaitForAsync(() => ScrapeAsync(app),
            metrics => metrics.GetValueOrDefault(Twilio("suppuo_webhook_messages_stored_total")) >= before[Twilio("suppuo_webhook_messages_stored_total")] + 2
                && metrics.GetValueOrDefault(Twilio("suppuo_webhook_messages_duplicate_total")) >= before.GetValueOrDefault(Twilio("suppuo_webhook_messages_duplicate_total")) + 1,
            "the counters to rise with the webhooks");
        Assert.True(after[Twilio("suppuo_webhook_messages_received_total")] >= before[Twilio("suppuo_webhook_messages_received_total")] + 3);
        Assert.True(after["suppuo_ingest_batch_size_count"] >= before["suppuo_ingest_batch_size_count"] + 2);
    }

    private static string Twilio(string name) => name + "{provider=\"twilio\"}";

    /// <summary>Every sample of the text format by its name and labels (as written, without otel_scope labels), summed over the rest.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(SuppuoApp app)
    {
        var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = new Dictionary<string, double>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var cut = line.LastIndexOf(' ');
            var series = line[..cut];
            // The key: the name and Suppuo's own labels, as a test names them; the exporter's scope labels left out.
            var brace = series.IndexOf('{');
            var key = brace < 0 ? series : series[..brace] + Labels(series[(brace + 1)..^1]);
            samples[key] = samples.GetValueOrDefault(key) + double.Parse(line[(cut + 1)..], CultureInfo.InvariantCulture);
        }
        return samples;
    }

    private static string Labels(string labels)
    {
        var own = labels.Split(',').Where(label => label.Length > 0 && !label.StartsWith("otel_scope", StringComparison.Ordinal) && !label.StartsWith("le=", StringComparison.Ordinal)).ToList();
        return own.Count == 0 ? "" : "{" + string.Join(",", own) + "}";
    }
}
