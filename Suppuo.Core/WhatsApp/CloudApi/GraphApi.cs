using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>Meta's Graph API error envelope: classify by <see cref="Code"/>, not by HTTP status (PROTOCOLS.md §2.7).</summary>
public sealed class GraphApiException(int httpStatus, int code, int? subcode, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;
    public int Code { get; } = code;
    public int? Subcode { get; } = subcode;
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

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            throw new ProviderUnavailableException($"Meta's Graph API could not be reached ({error.Message}). Nothing was saved; try again.", error);
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
            throw new ProviderUnavailableException($"Meta's Graph API answered {(int)response.StatusCode} without an error we can read. Try again.");
        }
    }
}
