using System.Globalization;
using Suppuo.Core.Common;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Core.Delivery;

/// <summary>
/// The StatusCallback of each Twilio send: our status webhook with our delivery id in the query (`?d=`), which Twilio
/// keeps and signs (docs/providers.md, "Twilio: sending"), so that a receipt overtaking the send's answer still finds its delivery.
/// </summary>
public static class TwilioCallback
{
    public const string Path = WebhookRoutes.TwilioStatus;

    public static string For(IPublicUrls urls, int deliveryId) => urls.Absolute(Path + "?d=" + deliveryId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The delivery id a callback URL carries, or null.</summary>
    public static int? DeliveryId(string callbackUrl)
    {
        var query = Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri) ? uri.Query.TrimStart('?') : "";
        foreach (var pair in query.Split('&'))
            if (pair.StartsWith("d=", StringComparison.Ordinal)
                && int.TryParse(pair.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return id;
        return null;
    }
}
