using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>One ticket with its whole thread, oldest message first.</summary>
public sealed record GetTicket(int WorkspaceId, int TicketId) : IRequest<TicketDto>;

public sealed class GetTicketHandler(SuppuoDbContext db, IPublicUrls urls) : IRequestHandler<GetTicket, TicketDto>
{
    public async Task<TicketDto> Handle(GetTicket request, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Id == request.TicketId && t.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Ticket {request.TicketId} was not found.");

        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id)
            .Include(m => m.Attachments)
            .Include(m => m.Deliveries)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return ticket.ToDto(urls, messages);
    }
}
