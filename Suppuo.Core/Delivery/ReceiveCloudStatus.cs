using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Delivery;

/// <summary>
/// One `statuses[]` item of an authenticated Cloud API notification (docs/providers.md, "Meta: notifications"): a receipt for one of our
/// replies, applied forward only ("Receipts move forward only"). A receipt that carries our delivery id for a send whose answer was lost
/// settles it: the message did arrive. Unknown ids are not ours and change nothing. Returns whether it changed anything.
/// </summary>
public sealed record ReceiveCloudStatus(int ConnectionId, string Wamid, string? Status, int? ErrorCode, string? ErrorTitle, string? CallbackData) : IRequest<bool>;

public sealed class ReceiveCloudStatusHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<ReceiveCloudStatus, bool>
{
    public async Task<bool> Handle(ReceiveCloudStatus request, CancellationToken cancellationToken)
    {
        if (StatusOf(request.Status) is not { } status)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;

        var delivery = await db.Deliveries.AsNoTracking()
            .Where(d => d.ConnectionId == request.ConnectionId && d.ProviderMessageId == request.Wamid)
            .Select(d => new { d.Id, d.WorkspaceId, d.MessageId, d.Message.TicketId })
            .FirstOrDefaultAsync(cancellationToken);
        if (delivery is null && CloudCallback.Of(request.CallbackData) is { } callback
            && await Receipts.AdoptAsync(db, callback, request.ConnectionId, request.Wamid, now, cancellationToken))
            delivery = await db.Deliveries.AsNoTracking().Where(d => d.Id == callback.DeliveryId)
                .Select(d => new { d.Id, d.WorkspaceId, d.MessageId, d.Message.TicketId }).FirstAsync(cancellationToken);
        if (delivery is null)
            return false;

        var error = status == DeliveryStatus.Failed
            ? request.ErrorCode is { } code ? CloudErrors.Reason(code, request.ErrorTitle) : "Not delivered: Meta reports the message failed without a reason."
            : null;
        await Receipts.ApplyAsync(db, delivery.Id, request.Wamid, status, error, now, cancellationToken);

        await mediator.Publish(new DeliveryUpdated(delivery.WorkspaceId, delivery.TicketId, delivery.MessageId), cancellationToken);
        return true;
    }

    private static DeliveryStatus? StatusOf(string? status) => status switch
    {
        "sent" => DeliveryStatus.Sent,
        "delivered" => DeliveryStatus.Delivered,
        "read" or "played" => DeliveryStatus.Read,
        "failed" => DeliveryStatus.Failed,
        _ => null,
    };
}
