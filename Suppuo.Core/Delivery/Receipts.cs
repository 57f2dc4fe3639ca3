using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Delivery;

/// <summary>What a provider's receipt does to one of our deliveries, the same for Twilio and Meta (W11, docs/providers.md, "Receipts move forward only").</summary>
internal static class Receipts
{
    /// <summary>
    /// A receipt that names our delivery (Meta's biz_opaque_callback_data, Twilio's `?d=&a=`) for a send whose id we do not
    /// have — its answer was lost, or has not been recorded yet: the message did reach the provider, so its id is taken.
    /// Returns whether it was. Only the receipt of the delivery's latest attempt is: one of an attempt the agent has since
    /// retried names an older attempt and changes nothing (callbacks from before attempts were numbered name none, and count).
    /// </summary>
    public static async Task<bool> AdoptAsync(SuppuoDbContext db, DeliveryAttempt callback, int connectionId, string providerMessageId, DateTime now,
        CancellationToken cancellationToken) =>
        await db.Deliveries
            .Where(d => d.Id == callback.DeliveryId && d.ConnectionId == connectionId && d.ProviderMessageId == null)
            .Where(d => callback.Attempt == null || d.LastAttempt == callback.Attempt)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.ProviderMessageId, providerMessageId)
                .SetProperty(x => x.SendStartedAt, (DateTime?)null)
                // It did arrive: also undo a "may not have been sent" failure the wait had given up on.
                .SetProperty(x => x.Status, x => x.Status == DeliveryStatus.Queued || x.Status == DeliveryStatus.Failed ? DeliveryStatus.Sent : x.Status)
                .SetProperty(x => x.Error, (string?)null)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken) == 1;

    /// <summary>Moves the delivery to <paramref name="status"/> if that is forward; conditional, so racing receipts still end on the furthest state.</summary>
    public static async Task<bool> ApplyAsync(SuppuoDbContext db, int deliveryId, string providerMessageId, DeliveryStatus status, string? error, DateTime now,
        CancellationToken cancellationToken)
    {
        var from = DeliveryStates.MayBecome(status);
        return await db.Deliveries
            .Where(d => d.Id == deliveryId && d.ProviderMessageId == providerMessageId && from.Contains(d.Status))
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.Error, error)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken) > 0;
    }
}
