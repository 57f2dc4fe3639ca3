using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>A message's place in its thread: threads are ordered by (CreatedAt, Id), so keyset pages neither skip nor repeat.</summary>
public sealed record MessageCursor(DateTime CreatedAt, int Id)
{
    public static MessageCursor Of(MessageDto message) => new(message.CreatedAt, message.Id);
}

/// <summary>The thread queries the API and the ticket page share.</summary>
internal static class MessageQueries
{
    public static async Task<Ticket> TicketAsync(this SuppuoDbContext db, int workspaceId, int ticketId, CancellationToken cancellationToken) =>
        (await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId && t.WorkspaceId == workspaceId)
            .ToListWithConnectionIdAsync(db, cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException($"Ticket {ticketId} was not found.");

    /// <summary>The tickets with their <see cref="Ticket.ConnectionId"/> (W19), read in the same query.</summary>
    public static async Task<List<Ticket>> ToListWithConnectionIdAsync(this IQueryable<Ticket> tickets, SuppuoDbContext db, CancellationToken cancellationToken)
    {
        var rows = await tickets
            .Select(t => new { Ticket = t, ConnectionId = db.BusinessNumbers.Where(n => n.Id == t.BusinessNumberId).Select(n => n.ConnectionId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
            row.Ticket.ConnectionId = row.ConnectionId;
        return rows.Select(r => r.Ticket).ToList();
    }

    /// <summary>The connection that carries a number now, or last did (W19).</summary>
    public static Task<int?> ConnectionIdOfNumberAsync(this SuppuoDbContext db, int? numberId, CancellationToken cancellationToken) =>
        numberId is null ? Task.FromResult<int?>(null)
            : db.BusinessNumbers.Where(n => n.Id == numberId).Select(n => n.ConnectionId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The messages with everything their DTO shows.</summary>
    public static IQueryable<Message> WithParts(this IQueryable<Message> messages) =>
        messages.AsNoTracking().Include(m => m.Attachments).Include(m => m.Deliveries).Include(m => m.Reactions).AsSplitQuery();

    public static IQueryable<Message> Before(this IQueryable<Message> messages, MessageCursor cursor) =>
        messages.Where(m => m.CreatedAt < cursor.CreatedAt || (m.CreatedAt == cursor.CreatedAt && m.Id < cursor.Id));

    public static IQueryable<Message> OldestFirst(this IQueryable<Message> messages) =>
        messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id);

    /// <summary>
    /// The latest <paramref name="count"/> of <paramref name="messages"/>, oldest first, and whether any older ones
    /// remain: one more is read to know.
    /// </summary>
    public static async Task<(List<Message> Messages, bool HasEarlier)> LatestAsync(this IQueryable<Message> messages, int count, CancellationToken cancellationToken)
    {
        var newestFirst = await messages.WithParts()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(count + 1)
            .ToListAsync(cancellationToken);
        var hasEarlier = newestFirst.Count > count;
        if (hasEarlier)
            newestFirst.RemoveAt(count);
        newestFirst.Reverse();
        return (newestFirst, hasEarlier);
    }
}
