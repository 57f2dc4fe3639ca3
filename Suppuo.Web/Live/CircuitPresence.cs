using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Suppuo.Web.Live;

/// <summary>
/// One circuit's presence (scoped: one per circuit): the ticket it shows and whether its agent types. All it keeps is
/// one entry and, while typing, one timer; a circuit shows one page, so it is on one ticket at most.
/// </summary>
public sealed class CircuitPresence(PresenceBoard board, TimeProvider clock) : IDisposable
{
    /// <summary>Typing ends this long after the last keystroke heard (the browser reports at most every 1.5 s).</summary>
    public static readonly TimeSpan TypingLapse = TimeSpan.FromSeconds(4);

    private readonly Lock _gate = new();
    private readonly string _key = Guid.NewGuid().ToString("N");
    private PresenceEntry? _current;
    private bool _connected = true;
    private ITimer? _typingEnds;

    /// <summary>The agent opened the ticket in this circuit.</summary>
    public void View(int workspaceId, int ticketId, string userId, string name) =>
        Announce(new PresenceEntry(_key, workspaceId, ticketId, userId, name, PresenceActivity.Viewing));

    /// <summary>The agent types a public reply or, when <paramref name="note"/>, an internal note.</summary>
    public void Typing(bool note)
    {
        PresenceEntry? current;
        lock (_gate)
        {
            current = _current;
            if (current is null)
                return;
            _typingEnds ??= clock.CreateTimer(_ => StopTyping(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _typingEnds.Change(TypingLapse, Timeout.InfiniteTimeSpan);
        }
        Announce(current with { Activity = note ? PresenceActivity.TypingNote : PresenceActivity.TypingReply });
    }

    /// <summary>The page of <paramref name="ticketId"/> closes (or shows another ticket).</summary>
    public void Leave(int ticketId)
    {
        PresenceEntry? left;
        lock (_gate)
        {
            left = _current;
            if (left?.TicketId != ticketId)
                return;
            _current = null;
            _typingEnds?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        board.Remove(new PresenceGone(left.WorkspaceId, _key));
    }

    /// <summary>
    /// The browser is gone (tab closed, network lost): the circuit lingers for minutes in case it returns, its presence
    /// must not. Kept to announce again if it does.
    /// </summary>
    public void ConnectionDown()
    {
        PresenceEntry? current;
        lock (_gate)
        {
            _connected = false;
            current = _current;
        }
        if (current is not null)
            board.Remove(new PresenceGone(current.WorkspaceId, _key));
    }

    public void ConnectionUp()
    {
        PresenceEntry? current;
        lock (_gate)
        {
            _connected = true;
            current = _current;
        }
        if (current is not null)
            board.Set(current);
    }

    private void StopTyping()
    {
        PresenceEntry? current;
        lock (_gate)
            current = _current;
        if (current is { Activity: not PresenceActivity.Viewing })
            Announce(current with { Activity = PresenceActivity.Viewing });
    }

    private void Announce(PresenceEntry entry)
    {
        bool connected;
        lock (_gate)
        {
            _current = entry;
            connected = _connected;
        }
        if (connected)
            board.Set(entry);
    }

    public void Dispose()
    {
        _typingEnds?.Dispose();
        if (_current is { } current)
            board.Remove(new PresenceGone(current.WorkspaceId, _key));
    }
}

/// <summary>Tells the circuit's presence when its browser goes and comes back.</summary>
public sealed class PresenceCircuitHandler(CircuitPresence presence) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.ConnectionDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.ConnectionUp();
        return Task.CompletedTask;
    }
}

/// <summary>Every <see cref="PresenceBoard.HeartbeatInterval"/>: this node's presence to the others, and the expired mirrors out.</summary>
public sealed class PresenceHeartbeat(PresenceBoard board, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PresenceBoard.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                board.Heartbeat();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
