using Suppuo.Core.Attachments;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// Downloads one inbound Twilio media file (W8, docs/providers.md, "Twilio: inbound media"): Basic auth to Twilio's API, then the redirect to
/// storage followed by hand and without the Authorization header — a pre-signed storage link needs no credentials and
/// must never see them. Bounded in size and time; only file types WhatsApp sends are kept.
/// </summary>
public sealed class TwilioMediaFetcher : IDisposable
{
    public const long MaxBytes = WhatsAppMedia.MaxBytes;
    private const int MaxRedirects = 3;


    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly IAttachmentStore _store;

    public TwilioMediaFetcher(IOptions<SuppuoOptions> options, IAttachmentStore store)
    {
        _store = store;
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

    private async Task<DownloadOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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

        return await WhatsAppMedia.ReadAsync(response, MaxBytes, _store, expectedSha256: null, cancellationToken);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    public void Dispose() => _http.Dispose();
}
