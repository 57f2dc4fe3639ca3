using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>W23: <paramref name="UserId"/> has the ticket open, so has read it up to its newest message; the mark never moves back.</summary>
public sealed record MarkTicketSeen(int WorkspaceId, string UserId, int TicketId) : IRequest;

public sealed class MarkTicketSeenHandler(SuppuoDbContext db) : IRequestHandler<MarkTicketSeen>
{
    public async Task<Unit> Handle(MarkTicketSeen request, CancellationToken cancellationToken)
    {
        // Another workspace's ticket has no messages here: nothing to remember.
        var newest = await db.Messages.Where(m => m.TicketId == request.TicketId && m.Ticket.WorkspaceId == request.WorkspaceId)
            .MaxAsync(m => (int?)m.Id, cancellationToken);
        if (newest is not { } messageId)
            return Unit.Value;
        var read = await db.TicketReads.FindAsync([request.UserId, request.TicketId], cancellationToken);
        if (read is null)
            db.TicketReads.Add(new TicketRead { UserId = request.UserId, TicketId = request.TicketId, LastSeenMessageId = messageId });
        else if (read.LastSeenMessageId < messageId)
            read.LastSeenMessageId = messageId;
        else
            return Unit.Value;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same agent's other tab wrote the row first: its mark is as good as ours.
        }
        return Unit.Value;
    }
}
