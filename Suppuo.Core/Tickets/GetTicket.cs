using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>One ticket with its whole thread, oldest message first (the API's answer; the ticket page uses <see cref="OpenTicket"/>).</summary>
public sealed record GetTicket(int WorkspaceId, int TicketId) : IRequest<TicketDto>;

public sealed class GetTicketHandler(SuppuoDbContext db) : IRequestHandler<GetTicket, TicketDto>
{
    public async Task<TicketDto> Handle(GetTicket request, CancellationToken cancellationToken)
    {
        var ticket = await db.TicketAsync(request.WorkspaceId, request.TicketId, cancellationToken);
        var messages = await db.Messages.Where(m => m.TicketId == ticket.Id).WithParts().OldestFirst().ToListAsync(cancellationToken);
        return ticket.ToDto(messages);
    }
}
