using System.Collections.Concurrent;

namespace Suppuo.Tests.Fakes;

/// <summary>
/// Replies with a file (W14): Twilio takes a `MediaUrl` on the send and fetches it itself, anonymously, from the public
/// internet. The fake keeps each message's MediaUrl and fetches it on request, the way Twilio would.
/// </summary>
public sealed partial class FakeTwilio
{
    private readonly ConcurrentDictionary<string, string> _mediaUrlOfSid = new();

    /// <summary>What Twilio got when it fetched a MediaUrl.</summary>
    public sealed record FetchedMedia(int Status, string? ContentType, byte[] Bytes);

    /// <summary>Every created message that carried a file, with the MediaUrl it was sent with.</summary>
    public IEnumerable<(SentMessage Message, string MediaUrl)> SentMedia =>
        Messages.Where(m => _mediaUrlOfSid.ContainsKey(m.Sid)).Select(m => (m, _mediaUrlOfSid[m.Sid]));

    /// <summary>Fetches a MediaUrl as Twilio does: a plain GET, no credentials, through <paramref name="publicInternet"/>.</summary>
    public static async Task<FetchedMedia> FetchMediaAsync(string mediaUrl, HttpClient publicInternet)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, mediaUrl);
        using var response = await publicInternet.SendAsync(request);
        return new FetchedMedia((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    private void RememberMediaUrl(string sid, IReadOnlyDictionary<string, string> form)
    {
        if (form.TryGetValue("MediaUrl", out var url) && url.Length > 0)
            _mediaUrlOfSid[sid] = url;
    }
}
