using System.Globalization;

namespace Suppuo.Core.Delivery;

/// <summary>Our delivery id in Meta's biz_opaque_callback_data, which comes back in status webhooks (docs/providers.md, "Meta: sending").</summary>
public static class CloudCallback
{
    private const string Prefix = "suppuo-delivery-";

    public static string For(int deliveryId) => Prefix + deliveryId.ToString(CultureInfo.InvariantCulture);

    public static int? DeliveryId(string? callbackData) =>
        callbackData is not null && callbackData.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(callbackData.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
