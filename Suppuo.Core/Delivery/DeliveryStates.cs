namespace Suppuo.Core.Delivery;

/// <summary>The forward-only order of W11 (docs/providers.md, "Receipts move forward only"): sent &lt; delivered &lt; read; failed is terminal but never replaces read.</summary>
public static class DeliveryStates
{
    /// <summary>The states a receipt of <paramref name="next"/> may replace. Only the agent's retry moves a delivery back.</summary>
    public static DeliveryStatus[] MayBecome(DeliveryStatus next) => next switch
    {
        DeliveryStatus.Failed => [DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Delivered],
        DeliveryStatus.Queued => [],
        _ => Enum.GetValues<DeliveryStatus>().Where(s => s != DeliveryStatus.Failed && s < next).ToArray(),
    };
}
