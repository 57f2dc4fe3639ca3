using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suppuo.Tests.Fakes;

/// <summary>Meta's Graph API on loopback (docs/providers.md, "Fakes on loopback"): phone numbers behind a bearer token and appsecret_proof.</summary>
public sealed class FakeMeta : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, PhoneNumber> _numbers = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MimeType, string Sha256, string? Url)> _media = new();
    private readonly ConcurrentQueue<(int Status, string Json)> _nextSends = new();
    private int _sent;

    /// <summary>Every message sent: phone number ID, bearer token and the JSON body.</summary>
    public ConcurrentQueue<(string PhoneNumberId, string? Token, System.Text.Json.Nodes.JsonNode Body)> Sent { get; } = new();

    public string BaseUrl { get; }
    public ConcurrentQueue<string> Requests { get; } = new();

    public sealed record PhoneNumber(string Token, string AppSecret, string DisplayPhoneNumber, string VerifiedName);

    private FakeMeta()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        _app.MapPost("/{version}/{id}/messages", async (string id, HttpRequest request) =>
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
            if (_nextSends.TryDequeue(out var scripted))
            {
                if (scripted.Status == 0)
                    await Task.Delay(TimeSpan.FromSeconds(30), request.HttpContext.RequestAborted); // a send that never answers
                return Results.Text(scripted.Json, "application/json", Encoding.UTF8, scripted.Status);
            }
            if (!_numbers.TryGetValue(id, out var number) || Bearer(request) != number.Token)
                return Error(401, 190, 463, "Error validating access token: Session has expired.");
            Sent.Enqueue((id, Bearer(request), body));
            var wamid = $"wamid.OUT{Interlocked.Increment(ref _sent)}";
            return Results.Text($$"""{"messaging_product":"whatsapp","contacts":[{"input":"{{body["to"]}}","wa_id":"{{body["to"]}}"}],"messages":[{"id":"{{wamid}}"}]}""", "application/json");
        });
        _app.MapPost("/{version}/{id}/media", UploadAsync);
        _app.MapGet("/media-bytes/{id}", (string id, HttpRequest request) =>
            _media.TryGetValue(id, out var media) && Bearer(request) is not null
                ? Results.Bytes(media.Bytes, media.MimeType)
                : Results.StatusCode(401));
        _app.MapGet("/{version}/{id}", (string version, string id, HttpRequest request) =>
        {
            if (_media.TryGetValue(id, out var media))
                return Bearer(request) is null
                    ? Error(401, 190, null, "An access token is required.")
                    : Results.Text($$"""{"messaging_product":"whatsapp","url":"{{media.Url ?? BaseUrl + "/media-bytes/" + id}}","mime_type":"{{media.MimeType}}","sha256":"{{media.Sha256}}","file_size":{{media.Bytes.Length}},"id":"{{id}}"}""", "application/json");
            if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^v\d+\.\d+$"))
                return Error(400, 2500, null, "Unknown path components: /" + version);
            var token = Bearer(request);
            if (!_numbers.TryGetValue(id, out var number))
                return Error(400, 100, 33, $"Unsupported get request. Object with ID '{id}' does not exist.");
            if (token != number.Token)
                return Error(401, 190, 463, "Error validating access token: Session has expired.");
            var proof = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(number.AppSecret), Encoding.UTF8.GetBytes(token)));
            if (request.Query["appsecret_proof"] != proof)
                return Error(400, 100, null, "Invalid appsecret_proof provided in the API argument");
            return Results.Text($$"""{"display_phone_number":"{{number.DisplayPhoneNumber}}","verified_name":"{{number.VerifiedName}}","quality_rating":"GREEN","code_verification_status":"VERIFIED","id":"{{id}}"}""", "application/json");
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public static FakeMeta Start() => new();

    /// <summary>A file a customer sent, as the media endpoint serves it; a wrong <paramref name="sha256"/> or foreign <paramref name="url"/> on request.</summary>
    public void AddMedia(string mediaId, byte[] bytes, string mimeType, string? sha256 = null, string? url = null) =>
        _media[mediaId] = (bytes, mimeType, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(bytes)), url);

    /// <summary>The next send answers this Graph error; status 0 means it never answers.</summary>
    public void FailNextSend(int status, int code, string message = "Scripted failure") =>
        _nextSends.Enqueue((status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code + ",\"fbtrace_id\":\"Atest\"}}"));

    /// <summary>One file uploaded for sending (docs/providers.md, "Meta: sending"): the multipart fields as received, and the media id it got.</summary>
    public sealed record Upload(string PhoneNumberId, string? Token, string? MessagingProduct, string? Type, string? FileName, string? ContentType, byte[] Bytes, string MediaId);

    public ConcurrentQueue<Upload> Uploads { get; } = new();
    private readonly ConcurrentQueue<(int Status, string Json)> _nextUploads = new();
    private int _uploaded;

    /// <summary>The next upload answers this Graph error.</summary>
    public void FailNextUpload(int status, int code, string message = "Scripted failure") =>
        _nextUploads.Enqueue((status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code + ",\"fbtrace_id\":\"Atest\"}}"));

    /// <summary>The messages sent with an uploaded file: their type and media id.</summary>
    public IEnumerable<(string PhoneNumberId, string Type, string MediaId, System.Text.Json.Nodes.JsonNode Body)> SentMedia =>
        Sent.Where(s => s.Body["type"]?.GetValue<string>() is "image" or "video" or "audio" or "document")
            .Select(s => (s.PhoneNumberId, s.Body["type"]!.GetValue<string>(), s.Body[s.Body["type"]!.GetValue<string>()]!["id"]!.GetValue<string>(), s.Body));

    private async Task<IResult> UploadAsync(string id, HttpRequest request)
    {
        if (_nextUploads.TryDequeue(out var scripted))
            return Results.Text(scripted.Json, "application/json", Encoding.UTF8, scripted.Status);
        if (!_numbers.TryGetValue(id, out var number) || Bearer(request) != number.Token)
            return Error(401, 190, 463, "Error validating access token: Session has expired.");
        if (!request.HasFormContentType)
            return Error(400, 100, null, "The upload must be multipart/form-data.");
        var form = await request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { } file)
            return Error(400, 100, null, "(#100) The parameter file is required.");
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        var mediaId = $"1{Interlocked.Increment(ref _uploaded):D14}";
        Uploads.Enqueue(new Upload(id, Bearer(request), form["messaging_product"].ToString(), form["type"].ToString(), file.FileName, file.ContentType,
            bytes.ToArray(), mediaId));
        return Results.Text($$"""{"id":"{{mediaId}}"}""", "application/json");
    }

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;

    public void AddPhoneNumber(string phoneNumberId, string token, string appSecret, string displayPhoneNumber = "+62 21-5000-1234") =>
        _numbers[phoneNumberId] = new PhoneNumber(token, appSecret, displayPhoneNumber, "Toko Budi");

    private static IResult Error(int status, int code, int? subcode, string message)
    {
        var sub = subcode is null ? "" : $",\"error_subcode\":{subcode}";
        var json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code + sub + ",\"fbtrace_id\":\"Atest\"}}";
        return Results.Text(json, "application/json", Encoding.UTF8, status);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
