using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suppuo.Tests.Fakes;

/// <summary>
/// Twilio's REST API as the real SDK sees it, on loopback (PROTOCOLS.md §3.4): accounts behind Basic auth, WhatsApp
/// senders, incoming numbers, and scripted failures. Every request is recorded for assertions.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Account> _accounts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Json)>> _scripted = new();

    public string BaseUrl { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public sealed record Account(string Token, string Status, List<string> WhatsAppSenders, List<string> IncomingNumbers);

    public sealed record RecordedRequest(string Method, string Path, string? OriginalHost, string? BasicUser);

    private FakeTwilio()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers["X-Twilio-Host"].FirstOrDefault(), BasicUser(context.Request)));
            await next(context);
        });
        _app.MapGet("/2010-04-01/Accounts/{sid}.json", (string sid, HttpRequest request) =>
            Answer("account", sid, request, account => Json(200, $$"""{"sid":"{{sid}}","friendly_name":"Test","status":"{{account.Status}}","type":"Full"}""")));
        _app.MapGet("/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json", (string sid, HttpRequest request) =>
            Answer("incoming-numbers", sid, request, account =>
            {
                var wanted = request.Query["PhoneNumber"].ToString();
                var numbers = account.IncomingNumbers.Where(n => wanted.Length == 0 || n == wanted)
                    .Select((n, i) => $$"""{"sid":"PN{{i:D32}}","phone_number":"{{n}}","account_sid":"{{sid}}"}""");
                return Json(200, $$"""{"incoming_phone_numbers":[{{string.Join(",", numbers)}}],"uri":"/2010-04-01/Accounts/{{sid}}/IncomingPhoneNumbers.json","page":0,"page_size":50,"first_page_uri":null,"next_page_uri":null,"previous_page_uri":null}""");
            }));
        _app.MapGet("/v2/Channels/Senders", (HttpRequest request) =>
            Answer("senders", BasicUser(request) ?? "", request, account =>
            {
                var senders = account.WhatsAppSenders.Select((n, i) => $$"""{"sid":"XE{{i:D32}}","sender_id":"whatsapp:{{n}}","status":"ONLINE"}""");
                return Json(200, $$"""{"senders":[{{string.Join(",", senders)}}],"meta":{"page":0,"page_size":50,"first_page_url":"https://messaging.twilio.com/v2/Channels/Senders?PageSize=50&Page=0","previous_page_url":null,"url":"https://messaging.twilio.com/v2/Channels/Senders?PageSize=50&Page=0","next_page_url":null,"key":"senders"} }""");
            }));
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public static FakeTwilio Start() => new();

    /// <summary>A Twilio account with these WhatsApp senders (Senders API) and incoming numbers.</summary>
    public void AddAccount(string sid, string token, IEnumerable<string>? whatsAppSenders = null, IEnumerable<string>? incomingNumbers = null, string status = "active") =>
        _accounts[sid] = new Account(token, status, [.. whatsAppSenders ?? []], [.. incomingNumbers ?? []]);

    /// <summary>The next answer of an endpoint ("account", "incoming-numbers", "senders") is this Twilio error.</summary>
    public void FailNext(string endpoint, int status, int code, string message) =>
        _scripted.GetOrAdd(endpoint, _ => new()).Enqueue((status,
            $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}"""));

    private IResult Answer(string endpoint, string sid, HttpRequest request, Func<Account, IResult> answer)
    {
        if (_scripted.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var scripted))
            return Json(scripted.Status, scripted.Json);
        var (user, password) = Credentials(request);
        if (user is null || user != sid || !_accounts.TryGetValue(sid, out var account) || account.Token != password)
            return Json(401, """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");
        return answer(account);
    }

    private static IResult Json(int status, string json) => Results.Text(json, "application/json", Encoding.UTF8, status);

    private static string? BasicUser(HttpRequest request) => Credentials(request).User;

    private static (string? User, string? Password) Credentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Scheme != "Basic" || header.Parameter is null)
            return (null, null);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
        return pair.Length == 2 ? (pair[0], pair[1]) : (null, null);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
