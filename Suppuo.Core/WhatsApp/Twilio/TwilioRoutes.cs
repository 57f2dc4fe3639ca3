using System.Collections.Concurrent;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// W3 without a query and a decryption per webhook: (AccountSid, To) → the connection and its auth token, as last read.
/// Only a signature that checks out against the remembered token uses it, so a rotated token is simply read again;
/// a connection removed meanwhile is refused by the ingest writer, which checks in its transaction that every
/// message's connection still exists. Entries are made only for connections that exist, so the map stays as small as
/// the install's number of Twilio numbers. One older than <see cref="Lifetime"/> is read again, and every one is
/// forgotten at once on this node when a connection changes here, so a number moved to another connection follows
/// within seconds on every node.
/// </summary>
public sealed class TwilioRoutes(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string AccountSid, string To), Route> _routes = new();

    public sealed record Route(int ConnectionId, int WorkspaceId, string AuthToken, DateTimeOffset ReadAt);

    public Route? Find(string accountSid, string to) =>
        _routes.TryGetValue((accountSid, to), out var route) && clock.GetUtcNow() - route.ReadAt < Lifetime ? route : null;

    public Route Remember(string accountSid, string to, int connectionId, int workspaceId, string authToken) =>
        _routes[(accountSid, to)] = new Route(connectionId, workspaceId, authToken, clock.GetUtcNow());

    /// <summary>A connection was added, changed or removed here: read every route again.</summary>
    public void Forget() => _routes.Clear();
}
