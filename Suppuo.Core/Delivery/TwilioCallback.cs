using System.Globalization;
using Suppuo.Core.Common;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Core.Delivery;

/// <summary>
/// The StatusCallback of each Twilio send: our status webhook with our delivery id and the attempt's number in the query
/// (`?d=&amp;a=`), which Twilio keeps and signs (docs/providers.md, "Twilio: sending"), so that a receipt overtaking the send's
/// answer still finds its delivery — and a late receipt of an earlier attempt is not taken for the current one's.
/// </summary>
public static class TwilioCallback
{
    public const string Path = WebhookRoutes.TwilioStatus;

    public static string For(IPublicUrls urls, int deliveryId, int attempt) =>
        urls.Absolute(Path + "?d=" + deliveryId.ToString(CultureInfo.InvariantCulture) + "&a=" + attempt.ToString(CultureInfo.InvariantCulture));

    /// <summary>The delivery a callback URL names, with its attempt; callbacks made before attempts were numbered carry none.</summary>
    public static DeliveryAttempt? Of(string callbackUrl)
    {
        var query = Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri) ? uri.Query.TrimStart('?') : "";
        int? id = null, attempt = null;
        foreach (var pair in query.Split('&'))
            if (Number(pair, "d=") is { } d)
                id ??= d;
            else if (Number(pair, "a=") is { } a)
                attempt ??= a;
        return id is { } deliveryId ? new DeliveryAttempt(deliveryId, attempt) : null;
    }

    private static int? Number(string pair, string key) =>
        pair.StartsWith(key, StringComparison.Ordinal) && int.TryParse(pair.AsSpan(key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
