using System.Collections.Concurrent;
using Suppuo.Core.Operations;

namespace Suppuo.Web.Live;

/// <summary>What changed, for whom: enough for an open inbox or ticket view to decide whether to reload.</summary>
public sealed record LiveEvent(int WorkspaceId, int TicketId, string Kind);

/// <summary>
/// The per-workspace event broker of the live inbox. Components subscribe for their workspace and
/// re-render through their own circuit; disposing the subscription unsubscribes, so closed tabs leave nothing behind.
/// Events never cross workspaces: a subscriber only ever sees its own workspace's.
/// </summary>
public sealed class WorkspaceEvents(ILogger<WorkspaceEvents> logger)
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Subscription, byte>> _subscribers = new();

    public IDisposable Subscribe(int workspaceId, Func<LiveEvent, Task> onEvent)
    {
        var subscription = new Subscription(this, workspaceId, onEvent);
        _subscribers.GetOrAdd(workspaceId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    public int SubscriberCount(int workspaceId) => _subscribers.TryGetValue(workspaceId, out var set) ? set.Count : 0;

    /// <summary>
    /// Tells every subscriber without waiting for any: the publisher is a webhook answering the provider, or the outbox
    /// worker, and thirty open inboxes reloading must not hold either up.
    /// </summary>
    public Task PublishAsync(LiveEvent live)
    {
        if (_subscribers.TryGetValue(live.WorkspaceId, out var set))
        {
            var told = 0;
            foreach (var subscription in set.Keys)
            {
                _ = NotifyAsync(subscription, live);
                told++;
            }
            if (told > 0)
                SuppuoTelemetry.LiveEventsFannedOut.Add(told);
        }
        return Task.CompletedTask;
    }

    private async Task NotifyAsync(Subscription subscription, LiveEvent live)
    {
        try
        {
            await subscription.OnEvent(live);
        }
        catch (Exception error)
        {
            // A broken circuit must not stop the others from hearing about the message.
            logger.LogWarning(error, "A live subscriber of workspace {WorkspaceId} failed", live.WorkspaceId);
        }
    }

    private sealed class Subscription(WorkspaceEvents broker, int workspaceId, Func<LiveEvent, Task> onEvent) : IDisposable
    {
        public Func<LiveEvent, Task> OnEvent { get; } = onEvent;

        public void Dispose()
        {
            if (broker._subscribers.TryGetValue(workspaceId, out var set))
                set.TryRemove(this, out _);
        }
    }
}
