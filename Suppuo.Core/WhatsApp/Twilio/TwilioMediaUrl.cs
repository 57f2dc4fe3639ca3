namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// W8, docs/providers.md, "Twilio: inbound media": the account's credentials go only to Twilio's API, and only for that account's own media.
/// A forged or mistaken MediaUrl must never make us post the auth token to another host.
/// </summary>
public static class TwilioMediaUrl
{
    /// <summary>Null when <paramref name="sourceUrl"/> is a media URL of <paramref name="accountSid"/> on <paramref name="apiBase"/>; else why not.</summary>
    public static string? Problem(string sourceUrl, Uri apiBase, string accountSid)
    {
        if (!Uri.TryCreate(sourceUrl, UriKind.Absolute, out var url))
            return "Refused to download: the media URL is not a URL.";
        if (url.Scheme != apiBase.Scheme || !string.Equals(url.Host, apiBase.Host, StringComparison.OrdinalIgnoreCase)
            || url.Port != apiBase.Port || url.UserInfo.Length > 0)
            return $"Refused to download: the media URL points to {url.Authority}, not to Twilio's API ({apiBase.Authority}), and Suppuo sends Twilio credentials nowhere else.";

        // /2010-04-01/Accounts/{AC}/Messages/{MM}/Media/{ME}: ids are letters and digits, so no dot segment or escape slips through.
        var segments = url.AbsolutePath.Split('/');
        var isMediaPath = segments is ["", "2010-04-01", "Accounts", var account, "Messages", var message, "Media", var media]
            && account == accountSid && IsId(message) && IsId(media);
        return isMediaPath
            ? null
            : $"Refused to download: {url.AbsolutePath} is not a media file of Twilio account {accountSid}.";
    }

    private static bool IsId(string segment) => segment.Length is > 0 and <= 64 && segment.All(char.IsAsciiLetterOrDigit);
}
