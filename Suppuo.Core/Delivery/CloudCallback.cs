using System.Globalization;

namespace Suppuo.Core.Delivery;

/// <summary>
/// Our delivery id and the attempt's number in Meta's biz_opaque_callback_data (`suppuo-delivery-{id}.{attempt}`), which
/// comes back in status webhooks (docs/providers.md, "Meta: sending"). Sends made before attempts were numbered carry the id alone.
/// </summary>
public static class CloudCallback
{
    private const string Prefix = "suppuo-delivery-";

    public static string For(int deliveryId, int attempt) =>
        Prefix + deliveryId.ToString(CultureInfo.InvariantCulture) + "." + attempt.ToString(CultureInfo.InvariantCulture);

    public static DeliveryAttempt? Of(string? callbackData)
    {
        if (callbackData is null || !callbackData.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = callbackData.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (!int.TryParse(dot < 0 ? rest : rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;
        if (dot < 0)
            return new DeliveryAttempt(id, null);
        return int.TryParse(rest[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) ? new DeliveryAttempt(id, attempt) : null;
    }
}

/// <summary>Which delivery a receipt's callback names, and which of its attempts (null on callbacks older than attempt numbers).</summary>
public sealed record DeliveryAttempt(int DeliveryId, int? Attempt);
