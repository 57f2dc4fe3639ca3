using System.Collections.Concurrent;

namespace Suppuo.Web.Live;

/// <summary>What an agent is doing on a ticket: W23's presence.</summary>
public enum PresenceActivity
{
    Viewing,
    TypingReply,
    TypingNote,
}

/// <summary>One circuit's presence on one ticket; <paramref name="Key"/> names the circuit, on whichever node it lives.</summary>
public sealed record PresenceEntry(string Key, int WorkspaceId, int TicketId, string UserId, string Name, PresenceActivity Activity);

/// <summary>A presence gone: its circuit left the ticket, or its connection went down.</summary>
public sealed record PresenceGone(int WorkspaceId, string Key);

/// <summary>
/// Who is on which ticket, across nodes (W23). Presence is never stored in the database: each node holds its own
/// circuits' entries and a mirror of the other nodes', which they announce through <see cref="IPresenceRelay"/> on every
/// change and again every <see cref="HeartbeatInterval"/>. A mirrored entry not heard of for <see cref="Expiry"/> is
/// dropped: the backstop for a node that died without saying goodbye for its circuits.
/// Subscribers are per workspace and hear only that presence changed there; they read the new state from <see cref="Of"/>.
/// </summary>
public sealed class PresenceBoard(TimeProvider clock, IEnumerable<IPresenceRelay> relays, ILogger<PresenceBoard> logger)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyDictionary<int, PresenceEntry[]> Nobody = new Dictionary<int, PresenceEntry[]>();

    private readonly ConcurrentDictionary<int, Workspace> _workspaces = new();
    private readonly IPresenceRelay[] _relays = [.. relays];

    /// <summary>The workspace's presence by ticket: a snapshot, replaced (never changed) on every change.</summary>
    public IReadOnlyDictionary<int, PresenceEntry[]> Of(int workspaceId) => _workspaces.TryGetValue(workspaceId, out var workspace) ? workspace.ByTicket : Nobody;

    /// <summary>The people on one ticket, <paramref name="exceptUserId"/> left out, each once, typing before viewing.</summary>
    public IReadOnlyList<PresenceEntry> Others(int workspaceId, int ticketId, string? exceptUserId) =>
        Of(workspaceId).TryGetValue(ticketId, out var entries) ? OthersIn(entries, exceptUserId) : [];

    /// <summary>One entry per other person: an agent with two tabs on the ticket shows once, by what they do most.</summary>
    public static IReadOnlyList<PresenceEntry> OthersIn(PresenceEntry[] entries, string? exceptUserId) =>
        [.. entries.Where(e => e.UserId != exceptUserId).OrderByDescending(e => e.Activity).DistinctBy(e => e.UserId).OrderBy(e => e.Name, StringComparer.CurrentCulture)];

    public IDisposable Subscribe(int workspaceId, Func<Task> onChange)
    {
        var subscription = new Subscription(this, workspaceId, onChange);
        WorkspaceOf(workspaceId).Subscribers.TryAdd(subscription, 0);
        return subscription;
    }

    public int SubscriberCount(int workspaceId) => _workspaces.TryGetValue(workspaceId, out var workspace) ? workspace.Subscribers.Count : 0;

    /// <summary>This node's circuit announces itself.</summary>
    public void Set(PresenceEntry entry)
    {
        if (Upsert(entry, local: true))
            Relay(new PresenceMessage([entry], []));
    }

    /// <summary>This node's circuit is gone from its ticket.</summary>
    public void Remove(PresenceGone gone)
    {
        if (Delete(gone))
            Relay(new PresenceMessage([], [gone]));
    }

    /// <summary>What another node announced.</summary>
    public void Apply(PresenceMessage message)
    {
        foreach (var entry in message.Set)
            Upsert(entry, local: false);
        foreach (var gone in message.Gone)
            Delete(gone);
    }

    /// <summary>Tells the other nodes again who is here, and drops what they have not confirmed for too long.</summary>
    public void Heartbeat()
    {
        var now = clock.GetUtcNow();
        var local = new List<PresenceEntry>();
        foreach (var workspace in _workspaces.Values)
        {
            bool changed;
            lock (workspace)
            {
                local.AddRange(workspace.Entries.Values.Where(e => e.Local).Select(e => e.Entry));
                var expired = workspace.Entries.Where(e => !e.Value.Local && e.Value.ExpiresAt <= now).Select(e => e.Key).ToList();
                foreach (var key in expired)
                    workspace.Entries.Remove(key);
                changed = expired.Count > 0;
                if (changed)
                    workspace.Rebuild();
            }
            if (changed)
                Notify(workspace);
        }
        if (local.Count > 0)
            Relay(new PresenceMessage([.. local], []));
    }

    private bool Upsert(PresenceEntry entry, bool local)
    {
        var workspace = WorkspaceOf(entry.WorkspaceId);
        lock (workspace)
        {
            var known = workspace.Entries.TryGetValue(entry.Key, out var held) && held.Entry == entry;
            workspace.Entries[entry.Key] = new Held(entry, local, clock.GetUtcNow() + Expiry);
            if (known)
                return false; // a heartbeat: nothing on screen changes
            workspace.Rebuild();
        }
        Notify(workspace);
        return true;
    }

    private bool Delete(PresenceGone gone)
    {
        if (!_workspaces.TryGetValue(gone.WorkspaceId, out var workspace))
            return false;
        lock (workspace)
        {
            if (!workspace.Entries.Remove(gone.Key))
                return false;
            workspace.Rebuild();
        }
        Notify(workspace);
        return true;
    }

    private Workspace WorkspaceOf(int workspaceId) => _workspaces.GetOrAdd(workspaceId, _ => new Workspace());

    private void Relay(PresenceMessage message)
    {
        foreach (var relay in _relays)
            _ = relay.PublishAsync(message);
    }

    /// <summary>Without waiting for any subscriber: the caller is a circuit, or Redis's message loop.</summary>
    private void Notify(Workspace workspace)
    {
        foreach (var subscription in workspace.Subscribers.Keys)
            _ = NotifyAsync(subscription);
    }

    private async Task NotifyAsync(Subscription subscription)
    {
        try
        {
            await subscription.OnChange();
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "A presence subscriber failed");
        }
    }

    private sealed record Held(PresenceEntry Entry, bool Local, DateTimeOffset ExpiresAt);

    private sealed class Workspace
    {
        public Dictionary<string, Held> Entries { get; } = [];
        public ConcurrentDictionary<Subscription, byte> Subscribers { get; } = new();
        public volatile IReadOnlyDictionary<int, PresenceEntry[]> ByTicket = Nobody;

        public void Rebuild() => ByTicket = Entries.Values.GroupBy(h => h.Entry.TicketId).ToDictionary(g => g.Key, g => g.Select(h => h.Entry).ToArray());
    }

    private sealed class Subscription(PresenceBoard board, int workspaceId, Func<Task> onChange) : IDisposable
    {
        public Func<Task> OnChange { get; } = onChange;

        public void Dispose()
        {
            if (board._workspaces.TryGetValue(workspaceId, out var workspace))
                workspace.Subscribers.TryRemove(this, out _);
        }
    }
}

/// <summary>Presence changes between nodes.</summary>
public sealed record PresenceMessage(PresenceEntry[] Set, PresenceGone[] Gone);

/// <summary>Where a node's presence changes go besides its own board: other nodes, when there are any.</summary>
public interface IPresenceRelay
{
    Task PublishAsync(PresenceMessage message);
}
