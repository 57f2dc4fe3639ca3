using System.Text.Json;
using StackExchange.Redis;

namespace Suppuo.Web.Live;

/// <summary>Where a node's live events go besides its own subscribers: other nodes, when there are any.</summary>
public interface ILiveEventRelay
{
    Task PublishAsync(LiveEvent live);
}

/// <summary>
/// Live events across nodes (docs/decisions/007-postgresql-and-redis.md, Suppuo:Redis): every event this node publishes goes to one Redis pub/sub
/// channel, and every event another node published there is handed to this node's subscribers. A node's own events
/// come back to it from Redis too; it skips them, since its subscribers were told directly.
/// </summary>
public sealed class RedisLiveEvents(IConnectionMultiplexer redis, WorkspaceEvents events, ILogger<RedisLiveEvents> logger) : ILiveEventRelay, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("suppuo:live-events");

    /// <summary>Per host, not per process: two app instances in one test process are two nodes.</summary>
    private readonly string _node = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(LiveEvent live)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(_node, live)), CommandFlags.FireAndForget);
        }
        catch (RedisException error)
        {
            // The change is stored; only other nodes' open inboxes miss this nudge and catch up on their next load.
            logger.LogWarning(error, "Live event {Kind} of ticket {TicketId} could not reach the other nodes", live.Kind, live.TicketId);
        }
    }

    /// <summary>Subscribes before the node serves anything; the queue hands events over one at a time, in their order.</summary>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        (await redis.GetSubscriber().SubscribeAsync(Channel)).OnMessage(message => Receive(message.Message));

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    private void Receive(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(message.ToString()) is { Live: { } live } envelope && envelope.Node != _node)
                events.PublishAsync(live);
        }
        catch (JsonException error)
        {
            logger.LogWarning(error, "Ignored an unreadable live event from Redis");
        }
    }

    private sealed record Envelope(string Node, LiveEvent Live);
}
