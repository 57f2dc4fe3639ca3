using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// How connections and a workspace's numbers stay linked (W19): a connection carries one number; the most recently
/// connected of a number's connections carries it (one number through both providers is a move, not a conflict); one
/// connected connection of the workspace is its default — the first connected until an admin picks another.
/// </summary>
internal static class NumberLinks
{
    /// <summary>Links a connection just made (or reconnected, or given another number) to its number, which it now carries.</summary>
    public static async Task CarryAsync(SuppuoDbContext db, WhatsAppConnection connection, DateTime now, CancellationToken cancellationToken)
    {
        var key = BusinessNumber.KeyOf(connection.PhoneNumber, connection.PhoneNumberId);
        var number = await db.BusinessNumbers.SingleOrDefaultAsync(n => n.WorkspaceId == connection.WorkspaceId && n.Key == key, cancellationToken);
        if (number is null)
        {
            number = new BusinessNumber { WorkspaceId = connection.WorkspaceId, Key = key, CreatedAt = now };
            db.BusinessNumbers.Add(number);
        }
        if (connection.Id == 0 || number.Id == 0)
            await db.SaveChangesAsync(cancellationToken); // both ids, for the links below
        var before = connection.BusinessNumberId;
        connection.BusinessNumberId = number.Id;
        number.ConnectionId = connection.Id;
        if (before is { } earlier && earlier != number.Id)
            await HandOverAsync(db, earlier, connection.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Connecting more never moves the default: only a workspace with no connected default gets this one.</summary>
    public static async Task<bool> NeedsDefaultAsync(SuppuoDbContext db, int workspaceId, int exceptConnectionId, CancellationToken cancellationToken) =>
        !await db.WhatsAppConnections.AnyAsync(c => c.WorkspaceId == workspaceId && c.IsDefault && c.DisconnectedAt == null && c.Id != exceptConnectionId, cancellationToken);

    /// <summary>
    /// The connection no longer carries <paramref name="numberId"/> (disconnected, or given another number): another
    /// connected connection of that number takes over, the most recently connected; with none, the number keeps
    /// pointing at its last carrier, so its tickets say which number they were on.
    /// </summary>
    public static async Task HandOverAsync(SuppuoDbContext db, int numberId, int leavingConnectionId, CancellationToken cancellationToken)
    {
        var number = await db.BusinessNumbers.SingleAsync(n => n.Id == numberId, cancellationToken);
        if (number.ConnectionId != leavingConnectionId)
            return;
        var next = await db.WhatsAppConnections
            .Where(c => c.BusinessNumberId == numberId && c.DisconnectedAt == null && c.Id != leavingConnectionId)
            .OrderByDescending(c => c.ConnectedAt).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (next is not null)
            number.ConnectionId = next;
    }

    /// <summary>The default left (disconnected): the earliest connected of the rest becomes the default; null when none is left.</summary>
    public static async Task<WhatsAppConnection?> PassDefaultAsync(SuppuoDbContext db, int workspaceId, int leavingConnectionId, CancellationToken cancellationToken)
    {
        var next = await db.WhatsAppConnections
            .Where(c => c.WorkspaceId == workspaceId && c.DisconnectedAt == null && c.Id != leavingConnectionId)
            .OrderBy(c => c.ConnectedAt).ThenBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is not null)
            next.IsDefault = true;
        return next;
    }
}
