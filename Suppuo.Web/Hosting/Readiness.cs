using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Suppuo.Core;
using Suppuo.Core.Data;
using Suppuo.Core.Operations;

namespace Suppuo.Web.Hosting;

/// <summary>
/// `/healthz` (alive: the process answers) and `/healthz/ready` (W25). Ready is 503 only for this node's own faults, its
/// database unreachable or its migrations pending, so the load balancer takes this node out and the others carry on.
/// What every node shares (Redis, the outbox, the providers) is `degraded` inside a 200: if it made every node unready
/// at once, the load balancer would have no node left and Twilio does not re-deliver a webhook that found none.
/// </summary>
public static class Readiness
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/healthz/ready";

    /// <summary>One check must not hold the answer up: a load balancer's probe times out after a few seconds.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddSuppuoReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<BacklogProbe>();
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", HealthStatus.Unhealthy, timeout: CheckTimeout)
            .AddCheck<MigrationsCheck>("migrations", HealthStatus.Unhealthy, timeout: CheckTimeout)
            .AddCheck<BacklogCheck>("outbox", HealthStatus.Degraded, timeout: CheckTimeout)
            .AddCheck<ProvidersCheck>("providers", HealthStatus.Degraded, timeout: CheckTimeout);
        if (!string.IsNullOrWhiteSpace(configuration["Suppuo:Redis"]))
            checks.AddCheck<RedisCheck>("redis", HealthStatus.Degraded, timeout: CheckTimeout);
        return services;
    }

    public static void MapSuppuoReadiness(this IEndpointRouteBuilder app)
    {
        // Alive means the process serves requests; nothing it depends on is asked, so an outage never gets it restarted.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (context, _) => context.Response.WriteAsync("ok") });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteJsonAsync,
        });
    }

    /// <summary>`{ "status": "degraded", "checks": { "redis": { "status": "degraded", "description": "…" }, … } }`.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
        {
            status = Name(entry.Value.Status),
            description = entry.Value.Description ?? entry.Value.Exception?.Message,
            durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
        });
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = Name(report.Status), checks }));
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    /// <summary>This node's own: without its database it can store nothing.</summary>
    private sealed class DatabaseCheck(SuppuoDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy("The database answers.")
                    : HealthCheckResult.Unhealthy("The database cannot be reached: check ConnectionStrings and that the data directory is there and writable.");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The database cannot be reached ({error.Message}).");
            }
        }
    }

    /// <summary>This node's own: a database behind this build's migrations (say, an older backup restored under a running node) is not its schema.</summary>
    private sealed class MigrationsCheck(SuppuoDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                return pending.Count == 0
                    ? HealthCheckResult.Healthy("Every migration of this build is applied.")
                    : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending, from {pending[0]}: restart the node, which applies them before it serves.");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The migrations applied cannot be read ({error.Message}).");
            }
        }
    }

    /// <summary>
    /// Shared: the queues live in the one database every node works from. A row due for longer than two leases was not
    /// taken by any node (even a dead worker's lease runs out after one), so work is stuck, but not on this node alone.
    /// </summary>
    private sealed class BacklogCheck(BacklogProbe backlog, IOptions<SuppuoOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var bound = options.Value.Workers.Lease * 2;
            var stuck = (await backlog.ReadAsync(cancellationToken)).Where(queue => queue.OldestDueAge > bound).ToList();
            return stuck.Count == 0
                ? HealthCheckResult.Healthy($"No queued work has waited longer than {bound.TotalMinutes:0.#} minutes.")
                : HealthCheckResult.Degraded(string.Join("; ", stuck.Select(queue =>
                    $"{queue.Queue}: {queue.Waiting} waiting, the oldest due for {queue.OldestDueAge.TotalMinutes:0} minutes (bound {bound.TotalMinutes:0.#})")));
        }
    }

    /// <summary>Shared: Twilio or Meta failing sends or media downloads fails them for every node alike.</summary>
    private sealed class ProvidersCheck(BacklogProbe backlog) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var retrying = (await backlog.ReadAsync(cancellationToken))
                .Where(queue => queue.Retrying > 0 && queue.Queue != GetBacklogHandler.Mail).ToList();
            return retrying.Count == 0
                ? HealthCheckResult.Healthy("No send or media download is waiting to be retried.")
                : HealthCheckResult.Degraded("A provider is failing requests: " + string.Join("; ", retrying.Select(queue => $"{queue.Retrying} {queue.Queue} waiting to be retried")));
        }
    }

    /// <summary>The queues, read once per probe (one DI scope) for the outbox and providers checks, which run side by side.</summary>
    private sealed class BacklogProbe(ScopedSender sender)
    {
        private readonly Lock _gate = new();
        private Task<IReadOnlyList<QueueBacklog>>? _read;

        public Task<IReadOnlyList<QueueBacklog>> ReadAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
                return _read ??= sender.Send(new GetBacklog(), cancellationToken);
        }
    }

    /// <summary>Shared: without Redis, live events reach only the inboxes open on the node that stored the message.</summary>
    private sealed class RedisCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var redis = services.GetRequiredService<IConnectionMultiplexer>();
                return Task.FromResult(redis.IsConnected
                    ? HealthCheckResult.Healthy("Redis is connected.")
                    : HealthCheckResult.Degraded("Redis is unreachable: messages are still stored, but live updates reach only inboxes open on the node that stored them."));
            }
            catch (RedisException error)
            {
                return Task.FromResult(HealthCheckResult.Degraded($"Redis is unreachable ({error.Message}): messages are still stored, but live updates stay on this node."));
            }
        }
    }
}
