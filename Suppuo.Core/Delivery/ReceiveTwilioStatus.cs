using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.Twilio;
using static Suppuo.Core.WhatsApp.Twilio.TwilioForm;

namespace Suppuo.Core.Delivery;

/// <summary>
/// A Twilio status callback for one of our replies (docs/providers.md, "Twilio: status callbacks"), as it arrived. Receipts come unordered and
/// may repeat, so they only ever move a delivery forward (docs/providers.md, "Receipts move forward only"). Returns whether it changed anything.
/// </summary>
public sealed record ReceiveTwilioStatus(string PublicUrl, IReadOnlyDictionary<string, string> Form, string? Signature) : IRequest<bool>;

public sealed class ReceiveTwilioStatusHandler(SuppuoDbContext db, SecretProtector secrets, IMediator mediator, TimeProvider clock)
    : IRequestHandler<ReceiveTwilioStatus, bool>
{
    public async Task<bool> Handle(ReceiveTwilioStatus request, CancellationToken cancellationToken)
    {
        var sid = Field(request.Form, "MessageSid") ?? Field(request.Form, "SmsSid")
            ?? throw new ValidationFailedException("MessageSid", "Is required: Twilio's id of the message.");

        // The still-untrusted SID (or our delivery id in the callback URL, for a receipt that overtook the send's
        // answer) only chooses whose token checks the signature. Unknown ids are not ours: ignored.
        var delivery = await db.Deliveries.AsNoTracking()
            .Where(d => d.ProviderMessageId == sid)
            .Select(d => new { d.Id, d.WorkspaceId, d.MessageId, d.Message.TicketId, d.ConnectionId })
            .FirstOrDefaultAsync(cancellationToken);
        var callback = TwilioCallback.Of(request.PublicUrl);
        var unrecorded = delivery is null && callback is not null
            ? await db.Deliveries.AsNoTracking()
                .Where(d => d.Id == callback.DeliveryId && d.ProviderMessageId == null)
                .Select(d => new { d.Id, d.WorkspaceId, d.MessageId, d.Message.TicketId, d.ConnectionId })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        delivery ??= unrecorded;
        if (delivery?.ConnectionId is not { } connectionId)
            return false;
        var token = await db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.Id == connectionId)
            .Select(c => c.EncryptedToken)
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null)
            return false; // disconnected since: nothing to authenticate the receipt with, and nothing to show it on (W2)

        TwilioSignature.Ensure(secrets.Unprotect(token), request.PublicUrl, request.Form, request.Signature, tokenOwner: "the sending account's");

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = unrecorded is not null && await Receipts.AdoptAsync(db, callback!, connectionId, sid, now, cancellationToken);
        if (unrecorded is not null && !changed)
            return false; // an earlier attempt's late receipt: the current attempt's state is not its to change
        // queued, sending, accepted, scheduled …: Twilio's own steps before `sent` change no state
        if (StatusOf(Field(request.Form, "MessageStatus")) is { } status)
            changed |= await Receipts.ApplyAsync(db, delivery.Id, sid, status,
                status == DeliveryStatus.Failed ? FailureReason(request.Form) : null, now, cancellationToken);
        if (!changed)
            return false;

        await mediator.Publish(new DeliveryUpdated(delivery.WorkspaceId, delivery.TicketId, delivery.MessageId), cancellationToken);
        return true;
    }

    private static DeliveryStatus? StatusOf(string? messageStatus) => messageStatus?.ToLowerInvariant() switch
    {
        "sent" => DeliveryStatus.Sent,
        "delivered" => DeliveryStatus.Delivered,
        "read" => DeliveryStatus.Read,
        "failed" or "undelivered" or "canceled" => DeliveryStatus.Failed,
        _ => null,
    };

    private static string FailureReason(IReadOnlyDictionary<string, string> form) =>
        int.TryParse(Field(form, "ErrorCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? TwilioErrors.Reason(code, Field(form, "ErrorMessage"))
            : $"Not delivered: Twilio reports the message {Field(form, "MessageStatus")} without a reason.";
}
