using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>
/// W23: brings back `open` every ticket whose snooze time has come. Every node runs it; each ticket is woken by one
/// conditional UPDATE on the snooze it read, so when two nodes find the same ticket only one changes it and only that
/// one announces it. Returns how many this run woke.
/// </summary>
public sealed record WakeSnoozedTickets(int Batch = 200) : IRequest<int>;

public sealed class WakeSnoozedTicketsHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<WakeSnoozedTickets, int>
{
    public async Task<int> Handle(WakeSnoozedTickets request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Tickets.AsNoTracking().Where(t => t.SnoozedUntil <= now)
            .OrderBy(t => t.SnoozedUntil).Take(request.Batch)
            .Select(t => new { t.Id, t.WorkspaceId, t.Status, t.SnoozedUntil }).ToListAsync(cancellationToken);
        var woken = 0;
        foreach (var ticket in due)
        {
            var changed = await db.Tickets.Where(t => t.Id == ticket.Id && t.SnoozedUntil == ticket.SnoozedUntil)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.SnoozedUntil, (DateTime?)null)
                    .SetProperty(x => x.Status, TicketStatus.Open)
                    .SetProperty(x => x.UpdatedAt, now), cancellationToken);
            if (changed != 1)
                continue; // another node woke it, or an agent changed its snooze meanwhile
            woken++;
            await mediator.Publish(new TicketSnoozeChanged(ticket.WorkspaceId, ticket.Id, null), cancellationToken);
            if (ticket.Status != TicketStatus.Open)
                await mediator.Publish(new TicketStatusChanged(ticket.WorkspaceId, ticket.Id, ticket.Status, TicketStatus.Open), cancellationToken);
        }
        return woken;
    }
}
