using System.Text.Json;
using StackExchange.Redis;

namespace Suppuo.Web.Live;

/// <summary>
/// Presence across nodes (W23, Suppuo:Redis): a Redis pub/sub channel of its own, apart from the live events, since a
/// presence change must not make any inbox reload from the database. A node skips its own messages.
/// </summary>
public sealed class RedisPresenceRelay(IConnectionMultiplexer redis, IServiceProvider services, ILogger<RedisPresenceRelay> logger) : IPresenceRelay, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("suppuo:presence");

    private readonly string _node = Guid.NewGuid().ToString("N");

    // The board takes this relay: it is looked up once the host runs, not in the constructor.
    private PresenceBoard Board => services.GetRequiredService<PresenceBoard>();

    public async Task PublishAsync(PresenceMessage message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(_node, message)), CommandFlags.FireAndForget);
        }
        catch (RedisException error)
        {
            // Other nodes' agents miss this change; the next heartbeat tells them again.
            logger.LogWarning(error, "A presence change could not reach the other nodes");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        (await redis.GetSubscriber().SubscribeAsync(Channel)).OnMessage(message => Receive(message.Message));

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    private void Receive(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(message.ToString()) is { Message: { } change } envelope && envelope.Node != _node)
                Board.Apply(change);
        }
        catch (JsonException error)
        {
            logger.LogWarning(error, "Ignored an unreadable presence message from Redis");
        }
    }

    private sealed record Envelope(string Node, PresenceMessage Message);
}
