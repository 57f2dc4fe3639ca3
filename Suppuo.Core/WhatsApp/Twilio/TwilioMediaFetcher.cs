using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Suppuo.Core.Attachments;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// Downloads one inbound Twilio media file (W8, PROTOCOLS.md §1.4): Basic auth to Twilio's API, then the redirect to
/// storage followed by hand and without the Authorization header — a pre-signed storage link needs no credentials and
/// must never see them. Bounded in size and time; only file types WhatsApp sends are kept.
/// </summary>
public sealed class TwilioMediaFetcher : IDisposable
{
    public const long MaxBytes = 16 * 1024 * 1024;
    private const int MaxRedirects = 3;

    private static readonly HashSet<string> WhatsAppTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/webp",
        "audio/ogg", "audio/amr", "audio/3gpp", "audio/aac", "audio/mpeg", "audio/mp4",
        "video/mp4", "video/3gpp",
        "application/pdf", "text/plain", "text/vcard", "text/x-vcard",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public TwilioMediaFetcher(IOptions<SuppuoOptions> options)
    {
        _timeout = options.Value.Twilio.MediaTimeout;
        // Redirects by hand: the automatic handler's header rules are not ours to rely on for a credential.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the whole download, body included, is bounded below instead
        };
    }

    public async Task<DownloadOutcome> FetchAsync(Uri url, string accountSid, string authToken, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            for (var redirects = 0; IsRedirect(response.StatusCode); redirects++)
            {
                var location = response.Headers.Location;
                var from = response.RequestMessage!.RequestUri!;
                response.Dispose();
                if (redirects == MaxRedirects || location is null)
                    return new DownloadOutcome.Failed("Not downloaded: Twilio's redirect to the file led nowhere usable.");
                var target = location.IsAbsoluteUri ? location : new Uri(from, location);
                if (target.Scheme is not ("https" or "http"))
                    return new DownloadOutcome.Failed($"Not downloaded: Twilio redirected to an unsupported {target.Scheme} link.");
                response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, target), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            }
            using (response)
                return await ReadAsync(response, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DownloadOutcome.Retry($"The download took longer than {_timeout.TotalSeconds:0} seconds; retrying.");
        }
        catch (HttpRequestException error)
        {
            return new DownloadOutcome.Retry($"Twilio could not be reached ({error.Message}); retrying.");
        }
    }

    private static async Task<DownloadOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is 401 or 403)
            return new DownloadOutcome.Failed($"Not downloaded: Twilio refused the account's credentials (HTTP {status}).", TwilioHealth.Revoked);
        if (status is 404 or 410)
            return new DownloadOutcome.Failed($"Not downloaded: Twilio no longer has this file (HTTP {status}).");
        if (status is 429 or >= 500)
            return new DownloadOutcome.Retry($"Twilio answered HTTP {status}; retrying.");
        if (!response.IsSuccessStatusCode)
            return new DownloadOutcome.Failed($"Not downloaded: Twilio answered HTTP {status}.");

        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!WhatsAppTypes.Contains(type))
            return new DownloadOutcome.Failed($"Not stored: the file came as {(type.Length == 0 ? "an unknown type" : type)}, which WhatsApp does not send.");
        if (response.Content.Headers.ContentLength > MaxBytes)
            return TooLarge();

        var content = new MemoryStream();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // The declared length may be absent or wrong: count what actually arrives.
            if (content.Length + read > MaxBytes)
                return TooLarge();
            content.Write(buffer, 0, read);
        }
        content.Position = 0;
        return new DownloadOutcome.Downloaded(content, type.ToLowerInvariant());
    }

    private static DownloadOutcome TooLarge() =>
        new DownloadOutcome.Failed($"Not stored: the file is larger than WhatsApp's {MaxBytes / 1024 / 1024} MiB limit.");

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    public void Dispose() => _http.Dispose();
}
