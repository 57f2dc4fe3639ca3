using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Delivery;

/// <summary>
/// An agent sends a failed WhatsApp reply again: `failed` → `queued`, the one move back (W11). Of a reply that went as
/// several WhatsApp messages (text and files, W14), only the failed ones go again.
/// </summary>
public sealed record RetryDelivery(int WorkspaceId, int MessageId) : IRequest<DeliveryDto>;

public sealed class RetryDeliveryHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock, DeliverySignal signal)
    : IRequestHandler<RetryDelivery, DeliveryDto>
{
    public async Task<DeliveryDto> Handle(RetryDelivery request, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == request.MessageId && m.Ticket.WorkspaceId == request.WorkspaceId)
            .Select(m => new { m.TicketId, m.Ticket, HasDelivery = m.Deliveries.Any() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Message {request.MessageId} was not found.");
        if (!message.HasDelivery)
            throw new ConflictException($"Message {request.MessageId} is not a WhatsApp reply: there is no delivery to retry.");

        // W19: through the connection that carries the ticket's number now — after a move, or a provider switch, the new one.
        var connectionId = (await WhatsApp.ReplyConnection.OfTicketAsync(db, message.Ticket, cancellationToken))?.Id;

        // Conditional, so that two clicks (or a receipt arriving meanwhile) re-queue it at most once.
        var now = clock.GetUtcNow().UtcDateTime;
        var requeued = await db.Deliveries
            .Where(d => d.MessageId == request.MessageId && d.Status == DeliveryStatus.Failed)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, DeliveryStatus.Queued)
                .SetProperty(x => x.ConnectionId, x => connectionId ?? x.ConnectionId)
                .SetProperty(x => x.Error, (string?)null)
                .SetProperty(x => x.ProviderMessageId, (string?)null)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAt, now)
                .SetProperty(x => x.QueuedAt, now)
                .SetProperty(x => x.SendStartedAt, (DateTime?)null)
                .SetProperty(x => x.LeaseOwner, (string?)null)
                .SetProperty(x => x.LeaseUntil, (DateTime?)null)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (requeued == 0)
        {
            // Statuses are stored as text: the least advanced is found in memory, not by the database's string order.
            var status = (await db.Deliveries.Where(d => d.MessageId == request.MessageId).Select(d => d.Status).ToListAsync(cancellationToken)).Min();
            throw new ConflictException($"Only a failed delivery can be retried; this one is {status.ToString().ToLowerInvariant()}.");
        }

        signal.Wake();
        await mediator.Publish(new DeliveryUpdated(request.WorkspaceId, message.TicketId, request.MessageId), cancellationToken);
        return new DeliveryDto(DeliveryStatus.Queued, null, now);
    }
}
