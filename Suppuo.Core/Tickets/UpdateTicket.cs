using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>
/// An agent sets the status (T4) and/or the assignee. A null <see cref="Status"/> leaves it unchanged; the assignee
/// changes only when <see cref="SetAssignee"/> is true, and then null unassigns. <see cref="ConnectionId"/> moves a
/// WhatsApp ticket to the number that connection carries (W19): its replies leave from there.
/// </summary>
/// W23: the snooze changes only when <see cref="SetSnooze"/> is true: null wakes the ticket, a time snoozes it until then,
/// <see cref="Ticket.UntilCustomerReplies"/> until the customer writes.
public sealed record UpdateTicket(int WorkspaceId, int TicketId, TicketStatus? Status, bool SetAssignee = false, string? AssigneeId = null, int? ConnectionId = null,
    bool SetSnooze = false, DateTime? SnoozedUntil = null)
    : IRequest<TicketDto>;

public sealed class UpdateTicketHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<UpdateTicket, TicketDto>
{
    public async Task<TicketDto> Handle(UpdateTicket request, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets
            .SingleOrDefaultAsync(t => t.Id == request.TicketId && t.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Ticket {request.TicketId} was not found.");
        if (request.ConnectionId is not null && ticket.Channel != TicketChannel.WhatsApp)
            throw new ValidationFailedException("connectionId", $"Ticket {ticket.Id} is an {ticket.Channel.ToString().ToLowerInvariant()} ticket: only a WhatsApp ticket moves between numbers.");
        var number = request.ConnectionId is { } connectionId
            ? await WhatsApp.TicketNumber.OfConnectionAsync(db, request.WorkspaceId, connectionId, cancellationToken)
            : null;

        if (request.SetAssignee && request.AssigneeId is not null
            && !await db.Users.AnyAsync(u => u.Id == request.AssigneeId && u.WorkspaceId == request.WorkspaceId, cancellationToken))
            throw new ValidationFailedException("assigneeId", $"No agent with id '{request.AssigneeId}' in this workspace.");

        var statusBefore = ticket.Status;
        var assigneeBefore = ticket.AssigneeId;
        var snoozeBefore = ticket.SnoozedUntil;
        if (request.Status is { } status)
            ticket.Status = status; // T4: agents may set any status
        if (request.SetAssignee)
            ticket.AssigneeId = request.AssigneeId;
        if (request.SetSnooze)
        {
            if (request.SnoozedUntil is { } until && until.ToUniversalTime() <= clock.GetUtcNow().UtcDateTime)
                throw new ValidationFailedException("snoozedUntil", "Must be a time in the future, \"customer-reply\", or null to wake the ticket.");
            if (request.SnoozedUntil is not null && ticket.Status is not (TicketStatus.Open or TicketStatus.Pending))
                throw new ValidationFailedException("snoozedUntil", $"Only an open or pending ticket can be snoozed; this one is {ticket.Status.ToString().ToLowerInvariant()}.");
            ticket.SnoozedUntil = request.SnoozedUntil?.ToUniversalTime();
        }
        // Resolving or closing a snoozed ticket ends its snooze: nothing is left to wake up for.
        if (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed)
            ticket.SnoozedUntil = null;

        var moved = number is not null && number.Id != ticket.BusinessNumberId;
        if (moved)
            ticket.BusinessNumberId = number!.Id;
        ticket.ConnectionId = number?.ConnectionId ?? await db.ConnectionIdOfNumberAsync(ticket.BusinessNumberId, cancellationToken);

        var statusChanged = ticket.Status != statusBefore;
        var assigneeChanged = ticket.AssigneeId != assigneeBefore;
        var snoozeChanged = ticket.SnoozedUntil != snoozeBefore;
        if (statusChanged || assigneeChanged || moved || snoozeChanged)
        {
            ticket.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        if (statusChanged)
            await mediator.Publish(new TicketStatusChanged(ticket.WorkspaceId, ticket.Id, statusBefore, ticket.Status), cancellationToken);
        if (snoozeChanged)
            await mediator.Publish(new TicketSnoozeChanged(ticket.WorkspaceId, ticket.Id, ticket.SnoozedUntil), cancellationToken);
        if (assigneeChanged)
            await mediator.Publish(new TicketAssigned(ticket.WorkspaceId, ticket.Id, ticket.AssigneeId), cancellationToken);
        return ticket.ToDto();
    }
}
