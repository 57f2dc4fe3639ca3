using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suppuo.Tests.Fakes;

/// <summary>Meta's Graph API on loopback (PROTOCOLS.md §3.4): phone numbers behind a bearer token and appsecret_proof.</summary>
public sealed class FakeMeta : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, PhoneNumber> _numbers = new();

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
        _app.MapGet("/{version}/{id}", (string version, string id, HttpRequest request) =>
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^v\d+\.\d+$"))
                return Error(400, 2500, null, "Unknown path components: /" + version);
            var token = request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
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
