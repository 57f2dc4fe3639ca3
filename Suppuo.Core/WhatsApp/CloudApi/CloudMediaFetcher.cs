using Suppuo.Core.Attachments;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>
/// W9: a Cloud API media id → its short-lived URL → the bytes, both with the workspace's token, sent only to Meta's
/// hosts; the bytes must match Meta's sha256 (docs/providers.md, "Meta: media download").
/// </summary>
public sealed class CloudMediaFetcher(GraphApi graph, IAttachmentStore store, Microsoft.Extensions.Options.IOptions<SuppuoOptions> options)
{
    /// <summary>Documents may be larger than photos and voice notes on the Cloud API.</summary>
    public const long MaxDocumentBytes = 100 * 1024 * 1024;

    public async Task<DownloadOutcome> FetchAsync(string mediaId, string accessToken, CancellationToken stopping)
    {
        // One deadline for the whole download, body included: a stalled stream must not hold the media job forever.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(options.Value.Twilio.MediaTimeout);
        try
        {
            return await FetchWithinAsync(mediaId, accessToken, deadline.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new DownloadOutcome.Retry($"The download from Meta took longer than {options.Value.Twilio.MediaTimeout.TotalSeconds:0} s; retrying.");
        }
        catch (IOException error)
        {
            return new DownloadOutcome.Retry($"The download from Meta broke off ({error.Message}); retrying.");
        }
    }

    private async Task<DownloadOutcome> FetchWithinAsync(string mediaId, string accessToken, CancellationToken cancellationToken)
    {
        GraphApi.MediaInfo media;
        try
        {
            media = await graph.GetMediaAsync(mediaId, accessToken, cancellationToken);
        }
        catch (GraphApiException error) when (error.Code == 190)
        {
            return new DownloadOutcome.Failed("Not downloaded: Meta rejected the access token (error 190).", "Meta rejected the access token (error 190): enter a new token");
        }
        catch (GraphApiException error) when (error.Code == 100)
        {
            return new DownloadOutcome.Failed($"Not downloaded: Meta no longer has this file (error 100: {error.Message}). Media ids expire after 7 days.");
        }
        catch (GraphApiException error)
        {
            return new DownloadOutcome.Retry($"Meta answered error {error.Code} ({error.Message}); retrying.");
        }
        catch (GraphUnavailableException error)
        {
            return new DownloadOutcome.Retry(error.Message + " Retrying.");
        }

        if (!Uri.TryCreate(media.Url, UriKind.Absolute, out var url) || !graph.IsMetaHost(url))
            return new DownloadOutcome.Failed($"Not downloaded: Meta pointed the file at {media.Url}, which is not one of Meta's hosts; the token is never sent there.");

        HttpResponseMessage response;
        try
        {
            response = await graph.DownloadAsync(url, accessToken, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DownloadOutcome.Retry($"The file could not be fetched from Meta ({error.Message}); retrying.");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            // The URL lives about five minutes: an expired one is fetched anew on the next attempt.
            if (status is 401 or 403 or 404 or 429 or >= 500)
                return new DownloadOutcome.Retry($"Meta's media host answered HTTP {status}; retrying with a fresh URL.");
            if (!response.IsSuccessStatusCode)
                return new DownloadOutcome.Failed($"Not downloaded: Meta's media host answered HTTP {status}.");
            var max = (media.MimeType ?? "").StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? MaxDocumentBytes : WhatsAppMedia.MaxBytes;
            // Meta shows the hash as lowercase hex; payloads have been seen with base64: either is accepted.
            return await WhatsAppMedia.ReadAsync(response, max, store, media.Sha256, cancellationToken);
        }
    }
}
