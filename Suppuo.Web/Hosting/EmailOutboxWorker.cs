using Suppuo.Core.Email;

namespace Suppuo.Web.Hosting;

/// <summary>
/// Sends the customer mail outbox in the background: woken when a mail is queued, and at least every few seconds for
/// retries that fall due. Queued mail survives a restart: it is in the database and goes out when this starts again.
/// </summary>
internal sealed class EmailOutboxWorker(IServiceScopeFactory scopes, EmailOutboxSignal signal, ILogger<EmailOutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
                while (await outbox.SendDueAsync(stoppingToken) > 0) { }
                if (await outbox.NextDueAsync(stoppingToken) is { } next)
                    sleep = TimeSpan.FromTicks(Math.Clamp((next - DateTime.UtcNow).Ticks, TimeSpan.FromMilliseconds(50).Ticks, LongestSleep.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database may be briefly busy or down: try again on the next round, never stop the worker.
                logger.LogError(error, "The mail outbox round failed");
            }
            try
            {
                await signal.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
