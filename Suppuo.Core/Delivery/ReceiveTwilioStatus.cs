using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.Delivery;

/// <summary>
/// A Twilio status callback for one of our replies (PROTOCOLS.md §1.7), as it arrived. Receipts come unordered and
/// may repeat, so they only ever move a delivery forward (§3.2). Returns whether it changed anything.
/// </summary>
public sealed record ReceiveTwilioStatus(string PublicUrl, IReadOnlyDictionary<string, string> Form, string? Signature) : IRequest<bool>;

public sealed class ReceiveTwilioStatusHandler(SuppuoDbContext db, SecretProtector secrets, IMediator mediator, TimeProvider clock)
    : IRequestHandler<ReceiveTwilioStatus, bool>
{
    public async Task<bool> Handle(ReceiveTwilioStatus request, CancellationToken cancellationToken)
    {
        var sid = Field(request.Form, "MessageSid") ?? Field(request.Form, "SmsSid")
            ?? throw new ValidationFailedException("MessageSid", "Is required: Twilio's id of the message.");

        // The still-untrusted SID only chooses whose token checks the signature. Unknown ids are not ours: ignored.
        var delivery = await db.Deliveries.AsNoTracking()
            .Where(d => d.ProviderMessageId == sid)
            .Select(d => new { d.Id, d.WorkspaceId, d.MessageId, d.Message.TicketId, d.ConnectionId })
            .FirstOrDefaultAsync(cancellationToken);
        if (delivery is null)
            return false;
        var token = await db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.Id == delivery.ConnectionId)
            .Select(c => c.EncryptedToken)
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null)
            return false; // disconnected since: nothing to authenticate the receipt with, and nothing to show it on (W2)

        if (!TwilioSignature.IsValid(secrets.Unprotect(token), request.PublicUrl, request.Form, request.Signature))
            throw new WebhookSignatureException(request.Signature is null
                ? "The X-Twilio-Signature header is missing."
                : "The X-Twilio-Signature does not match this request for the sending account's auth token.");

        if (StatusOf(Field(request.Form, "MessageStatus")) is not { } status)
            return false; // queued, sending, accepted, scheduled …: Twilio's own steps before `sent`

        var error = status == DeliveryStatus.Failed ? FailureReason(request.Form) : null;
        var from = DeliveryStates.MayBecome(status);
        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional, so that two receipts racing each other still end on the furthest state.
        var changed = await db.Deliveries
            .Where(d => d.Id == delivery.Id && d.ProviderMessageId == sid && from.Contains(d.Status))
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.Error, error)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (changed == 0)
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

    private static string? Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
