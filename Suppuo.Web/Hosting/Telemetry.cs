using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Suppuo.Core.Operations;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W25, with OpenTelemetry: metrics (ASP.NET Core, HttpClient, runtime, and Suppuo's own meter) served to Prometheus at
/// /metrics when Suppuo:Metrics:Enabled; traces (ASP.NET Core, HttpClient, Suppuo's own spans: webhook → ingest commit →
/// live push) over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, configured by the standard OTEL_* variables. Neither
/// set, nothing listens and nothing is collected.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddSuppuoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CircuitHandler, OpenCircuitCounter>();
        var metrics = configuration.GetValue<bool>("Suppuo:Metrics:Enabled");
        var traces = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!metrics && !traces)
            return services;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("suppuo"));
        if (metrics)
        {
            services.AddHostedService<BacklogSampler>();
            telemetry.WithMetrics(meters => meters
                .AddMeter(SuppuoTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }
        if (traces)
            telemetry.WithTracing(tracing => tracing
                .AddSource(SuppuoTelemetry.Name)
                // Probes and scrapes every few seconds would bury the webhooks' traces.
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context =>
                    !context.Request.Path.StartsWithSegments(Readiness.LivePath) && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Serves /metrics only when enabled; otherwise the path is not mapped and answers 404.</summary>
    public static void MapSuppuoMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Suppuo:Metrics:Enabled"))
            app.MapPrometheusScrapingEndpoint(MetricsPath);
    }

    /// <summary>Open Blazor circuits on this node: each is an agent's inbox or ticket view, holding memory and a socket.</summary>
    private sealed class OpenCircuitCounter : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            SuppuoTelemetry.OpenCircuits.Add(1);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            SuppuoTelemetry.OpenCircuits.Add(-1);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Samples the queues for the queue gauges every 15 seconds, Prometheus' usual scrape interval: a scrape reads the
    /// last sample and never waits on the database.
    /// </summary>
    private sealed class BacklogSampler(ScopedSender sender, ILogger<BacklogSampler> logger) : PeriodicWorker(logger)
    {
        protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

        protected override async Task RunOnceAsync(CancellationToken cancellationToken) =>
            SuppuoTelemetry.RecordBacklog(await sender.Send(new GetBacklog(), cancellationToken));
    }
}
