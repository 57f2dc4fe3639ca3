using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>
/// W23: the open tickets assigned to <paramref name="UserId"/> or to nobody whose customer wrote last, after what the
/// agent last read there: what the page title counts and browser notifications announce. At most <see cref="Limit"/>.
/// </summary>
public sealed record ListUnread(int WorkspaceId, string UserId) : IRequest<IReadOnlyList<UnreadTicket>>
{
    public const int Limit = 99;
}

public sealed record UnreadTicket(int Id, string Subject, string? Requester);

public sealed class ListUnreadHandler(SuppuoDbContext db) : IRequestHandler<ListUnread, IReadOnlyList<UnreadTicket>>
{
    public async Task<IReadOnlyList<UnreadTicket>> Handle(ListUnread request, CancellationToken cancellationToken) =>
        await db.Tickets.AsNoTracking()
            .Where(t => t.WorkspaceId == request.WorkspaceId && t.Status == TicketStatus.Open && (t.AssigneeId == request.UserId || t.AssigneeId == null))
            // The same index seeks as the inbox's rows, and the agent's read row by its key.
            .Select(t => new
            {
                t.Id, t.Subject, Requester = t.RequesterName ?? t.RequesterPhone ?? t.RequesterEmail, t.LastMessageAt,
                Last = t.Messages.Where(m => !m.Internal).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                    .Select(m => new { m.Id, m.Author }).FirstOrDefault(),
                Seen = db.TicketReads.Where(r => r.UserId == request.UserId && r.TicketId == t.Id).Select(r => (int?)r.LastSeenMessageId).FirstOrDefault(),
            })
            .Where(t => t.Last != null && t.Last.Author == MessageAuthor.Requester && t.Last.Id > (t.Seen ?? 0))
            .OrderByDescending(t => t.LastMessageAt)
            .Take(ListUnread.Limit)
            .Select(t => new UnreadTicket(t.Id, t.Subject, t.Requester))
            .ToListAsync(cancellationToken);
}
