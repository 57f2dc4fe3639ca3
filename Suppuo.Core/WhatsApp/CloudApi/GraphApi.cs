using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Suppuo.Core.Attachments;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>Meta's Graph API error envelope: classify by <see cref="Code"/>, not by HTTP status (docs/providers.md, "Meta: errors").</summary>
public sealed class GraphApiException(int httpStatus, int code, int? subcode, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;
    public int Code { get; } = code;
    public int? Subcode { get; } = subcode;
}

/// <summary>Graph could not be asked, or its answer was lost. <see cref="MayHaveArrived"/>: the request went out (timeout, 5xx).</summary>
public sealed class GraphUnavailableException(string message, bool mayHaveArrived, Exception? inner = null) : Exception(message, inner)
{
    public bool MayHaveArrived { get; } = mayHaveArrived;
}

/// <summary>The Graph API calls Suppuo makes, at Suppuo:Meta:GraphBaseUrl and Suppuo:Meta:GraphVersion, with each workspace's own token.</summary>
public sealed class GraphApi(HttpClient http, IOptions<SuppuoOptions> options)
{
    private readonly string _base = options.Value.Meta.GraphBaseUrl.TrimEnd('/') + "/" + options.Value.Meta.GraphVersion.Trim('/');

    public sealed record PhoneNumberInfo(string Id, string? DisplayPhoneNumber, string? VerifiedName);

    /// <summary>W1: the phone number ID must be readable with this token, and the app secret must match it (appsecret_proof).</summary>
    public async Task<PhoneNumberInfo> GetPhoneNumberAsync(string phoneNumberId, string accessToken, string appSecret, CancellationToken cancellationToken)
    {
        var proof = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(accessToken)));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{_base}/{Uri.EscapeDataString(phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating,code_verification_status&appsecret_proof={proof}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var json = await SendAsync(request, cancellationToken);
        var root = json.RootElement;
        return new PhoneNumberInfo(
            root.TryGetProperty("id", out var id) ? id.ToString() : phoneNumberId,
            root.TryGetProperty("display_phone_number", out var display) ? display.GetString() : null,
            root.TryGetProperty("verified_name", out var name) ? name.GetString() : null);
    }

    /// <summary>Sends a text reply (docs/providers.md, "Meta: sending"), tagged with our delivery for the ambiguous-timeout rule; returns the wamid.</summary>
    public Task<string> SendTextAsync(string phoneNumberId, string accessToken, string to, string body, string callbackData, CancellationToken cancellationToken) =>
        SendMessageAsync(phoneNumberId, accessToken, to, "text", new Dictionary<string, object> { ["preview_url"] = false, ["body"] = body }, callbackData, cancellationToken);

    /// <summary>W22: the business's reaction to a customer's message; `""` removes it. Not combinable with a quote.</summary>
    public Task<string> SendReactionAsync(string phoneNumberId, string accessToken, string to, string messageId, string emoji, string callbackData,
        CancellationToken cancellationToken) =>
        SendMessageAsync(phoneNumberId, accessToken, to, "reaction", new Dictionary<string, object> { ["message_id"] = messageId, ["emoji"] = emoji },
            callbackData, cancellationToken);

    /// <summary>Sends an uploaded file by its media id as an image, video, audio or document (with its name); returns the wamid.</summary>
    public Task<string> SendMediaAsync(string phoneNumberId, string accessToken, string to, WhatsAppFileKind kind, string mediaId, string fileName,
        string callbackData, CancellationToken cancellationToken)
    {
        var media = new Dictionary<string, object> { ["id"] = mediaId };
        if (kind == WhatsAppFileKind.Document)
            media["filename"] = fileName;
        return SendMessageAsync(phoneNumberId, accessToken, to, kind.ToString().ToLowerInvariant(), media, callbackData, cancellationToken);
    }

    /// <summary>
    /// Uploads a file for sending (docs/providers.md, "Meta: sending"); returns its media id. An upload is not a message: when its answer
    /// is lost, uploading again sends the customer nothing twice.
    /// </summary>
    public async Task<string> UploadMediaAsync(string phoneNumberId, string accessToken, Stream content, string fileName, string contentType, CancellationToken cancellationToken)
    {
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_base}/{Uri.EscapeDataString(phoneNumberId)}/media")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent("whatsapp"), "messaging_product" },
                { new StringContent(contentType), "type" },
                { file, "file", fileName },
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var json = await SendAsync(request, cancellationToken);
        return json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } mediaId
            ? mediaId
            : throw new GraphUnavailableException("Meta accepted the upload but returned no media id.", mayHaveArrived: false);
    }

    private async Task<string> SendMessageAsync(string phoneNumberId, string accessToken, string to, string type, Dictionary<string, object> content,
        string callbackData, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_base}/{Uri.EscapeDataString(phoneNumberId)}/messages")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["messaging_product"] = "whatsapp",
                ["recipient_type"] = "individual",
                ["to"] = to,
                ["type"] = type,
                [type] = content,
                ["biz_opaque_callback_data"] = callbackData,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var json = await SendAsync(request, cancellationToken);
        if (json.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            && messages.GetArrayLength() > 0 && messages[0].TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } wamid)
            return wamid;
        throw new GraphUnavailableException("Meta accepted the request but returned no message id.", mayHaveArrived: true);
    }

    public sealed record MediaInfo(string Url, string? MimeType, string? Sha256, long? FileSize);

    /// <summary>Step 1 of a media download (docs/providers.md, "Meta: media download"): the short-lived URL of a media id.</summary>
    public async Task<MediaInfo> GetMediaAsync(string mediaId, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_base}/{Uri.EscapeDataString(mediaId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var json = await SendAsync(request, cancellationToken);
        var root = json.RootElement;
        var url = root.TryGetProperty("url", out var u) ? u.GetString() : null;
        long? size = root.TryGetProperty("file_size", out var f) ? f.ValueKind == JsonValueKind.Number ? f.GetInt64() : long.TryParse(f.GetString(), out var n) ? n : null : null;
        return new MediaInfo(url ?? throw new GraphUnavailableException("Meta returned no URL for the media.", mayHaveArrived: false),
            root.TryGetProperty("mime_type", out var m) ? m.GetString() : null,
            root.TryGetProperty("sha256", out var h) ? h.GetString() : null, size);
    }

    /// <summary>Step 2: the bytes, with the same token, only from Meta's own hosts or the configured Graph host.</summary>
    public async Task<HttpResponseMessage> DownloadAsync(Uri url, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.UserAgent.ParseAdd("Suppuo/1.0");
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Where the token may go: Graph itself, Meta's media CDN, or the configured base (a fake in tests).</summary>
    public bool IsMetaHost(Uri url) =>
        url.Host == new Uri(_base).Host && url.Port == new Uri(_base).Port
        || url.Scheme == "https" && (url.Host == "graph.facebook.com" || url.Host.EndsWith(".fbsbx.com", StringComparison.OrdinalIgnoreCase));

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error) when (error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new GraphUnavailableException($"Meta's Graph API could not be reached ({error.Message}).", mayHaveArrived: false, error);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new GraphUnavailableException($"Meta's Graph API did not answer ({error.Message}).", mayHaveArrived: true, error);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonDocument? json = null;
            try { json = JsonDocument.Parse(body); } catch (JsonException) { }
            if (response.IsSuccessStatusCode && json is not null)
                return json;
            if (json is not null && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                int? subcode = error.TryGetProperty("error_subcode", out var s) && s.TryGetInt32(out var m) ? m : null;
                var message = error.TryGetProperty("message", out var text) ? text.GetString() ?? "" : "";
                json.Dispose();
                throw new GraphApiException((int)response.StatusCode, code, subcode, message);
            }
            json?.Dispose();
            throw new GraphUnavailableException($"Meta's Graph API answered {(int)response.StatusCode} without an error we can read.", mayHaveArrived: true);
        }
    }
}
