using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suppuo.Tests.Fakes;

/// <summary>
/// Twilio's REST API as the real SDK sees it, on loopback (docs/providers.md, "Fakes on loopback"): accounts behind Basic auth, WhatsApp
/// senders, incoming numbers, sending and listing messages, and scripted failures. Every request is recorded for assertions.
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Account> _accounts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Scripted>> _scripted = new();

    public string BaseUrl { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public sealed record Account(string Token, string Status, List<string> WhatsAppSenders, List<string> IncomingNumbers);

    public sealed record RecordedRequest(string Method, string Path, string? OriginalHost, string? BasicUser, bool HadAuthorization);

    /// <summary>One message Twilio accepted (created), with the form fields of the request that made it.</summary>
    public sealed record SentMessage(string Sid, string AccountSid, string From, string To, string Body, string? StatusCallback, DateTime DateCreated)
    {
        // The account's message list holds more than our sends (W17): customers' messages too, with their media.
        public string Direction { get; init; } = "outbound-api";
        public string Status { get; init; } = "queued";
        public DateTime? DateSent { get; init; }
        public IReadOnlyList<string> MediaSids { get; init; } = [];
        /// <summary>When set, listed exactly as this JSON: an item the client must survive.</summary>
        public string? RawJson { get; init; }
    }

    /// <summary>Every POST to Messages.json, answered or not: who sent it, the form, and the status the fake answered.</summary>
    public sealed record SendAttempt(string? BasicUser, IReadOnlyDictionary<string, string> Form, int Status);

    /// <summary>
    /// A scripted answer: an error, or (with <see cref="Delay"/>) a send that Twilio performs but answers too late —
    /// the ambiguous case, where the client gives up although the message exists.
    /// </summary>
    private sealed record Scripted(int Status, string Json, TimeSpan Delay = default);

    private readonly ConcurrentDictionary<string, (string AccountSid, byte[] Bytes, string ContentType)> _media = new();
    private readonly ConcurrentDictionary<string, string> _cdnLinks = new();

    /// <summary>While set, storage holds every file back until it completes: the webhook must not be waiting for it.</summary>
    public TaskCompletionSource? HoldMedia { get; set; }

    /// <summary>While set, storage sends the first <c>Bytes</c> of every file, then holds the rest back until <c>Release</c> completes.</summary>
    public (int Bytes, TaskCompletionSource Release)? HoldMediaAfter { get; set; }

    public ConcurrentQueue<SentMessage> Messages { get; } = new();
    public ConcurrentQueue<SendAttempt> SendAttempts { get; } = new();

    private FakeTwilio()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers["X-Twilio-Host"].FirstOrDefault(),
                BasicUser(context.Request), context.Request.Headers.Authorization.Count > 0));
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
        _app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", CreateMessageAsync);
        _app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", (string sid, HttpRequest request) =>
            Answer("messages-list", sid, request, _ => ListMessages(sid, request)));
        _app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{sm}/Media.json", (string sid, string sm, HttpRequest request) =>
            Answer("media-list", sid, request, _ => ListMedia(sid, sm)));
        // Media (docs/providers.md, "Twilio: inbound media"): Basic auth at the API, then a redirect to storage that must not see credentials.
        _app.MapGet("/2010-04-01/Accounts/{sid}/Messages/{mm}/Media/{me}", (string sid, string me, HttpRequest request) =>
            Answer("media", sid, request, _ =>
            {
                if (!_media.TryGetValue(me, out var media) || media.AccountSid != sid)
                    return Json(404, """{"code":20404,"message":"Not found","status":404}""");
                var link = Guid.NewGuid().ToString("N");
                _cdnLinks[link] = me;
                return Results.Redirect($"{BaseUrl}/cdn/{link}", permanent: false, preserveMethod: true); // 307
            }));
        _app.MapGet("/cdn/{link}", async (string link, HttpRequest request) =>
        {
            if (request.Headers.Authorization.Count > 0)
                return Results.Text("Only one auth mechanism allowed; credentials must not be sent to storage.", "text/plain", statusCode: 400);
            if (HoldMedia is { } hold)
                await hold.Task;
            if (HoldMediaAfter is { } partly && _cdnLinks.TryGetValue(link, out var held) && _media.TryGetValue(held, out var file))
            {
                var response = request.HttpContext.Response;
                response.ContentType = file.ContentType;
                response.ContentLength = file.Bytes.Length;
                await response.Body.WriteAsync(file.Bytes.AsMemory(0, partly.Bytes));
                await response.Body.FlushAsync();
                await partly.Release.Task;
                await response.Body.WriteAsync(file.Bytes.AsMemory(partly.Bytes));
                return Results.Empty;
            }
            return _cdnLinks.TryGetValue(link, out var me) && _media.TryGetValue(me, out var media)
                ? Results.Bytes(media.Bytes, media.ContentType)
                : Results.NotFound();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public static FakeTwilio Start() => new();

    /// <summary>A Twilio account with these WhatsApp senders (Senders API) and incoming numbers.</summary>
    public void AddAccount(string sid, string token, IEnumerable<string>? whatsAppSenders = null, IEnumerable<string>? incomingNumbers = null, string status = "active") =>
        _accounts[sid] = new Account(token, status, [.. whatsAppSenders ?? []], [.. incomingNumbers ?? []]);

    /// <summary>The next answer of an endpoint ("account", "incoming-numbers", "senders") is this Twilio error.</summary>
    /// <summary>The next <paramref name="times"/> answers of an endpoint ("account", "incoming-numbers", "senders", "messages", "messages-list", "media") are this Twilio error.</summary>
    public void FailNext(string endpoint, int status, int code, string message, int times = 1)
    {
        var queue = _scripted.GetOrAdd(endpoint, _ => new());
        for (var i = 0; i < times; i++)
            queue.Enqueue(new Scripted(status,
                $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}"""));
    }

    /// <summary>The next send is made (the message exists at Twilio) but answered only after <paramref name="delay"/>.</summary>
    public void AnswerNextSendAfter(TimeSpan delay) => _scripted.GetOrAdd("messages", _ => new()).Enqueue(new Scripted(201, "", delay));

    /// <summary>A file a customer sent to <paramref name="accountSid"/>; returns its MediaUrl as Twilio would post it.</summary>
    public string AddMedia(string accountSid, byte[] bytes, string contentType)
    {
        var me = "ME" + Guid.NewGuid().ToString("N");
        _media[me] = (accountSid, bytes, contentType);
        return $"{BaseUrl}/2010-04-01/Accounts/{accountSid}/Messages/MM{Guid.NewGuid():N}/Media/{me}";
    }

    /// <summary>Drops every scripted answer not yet used: Twilio is healthy again.</summary>
    public void Recover() => _scripted.Clear();

    /// <summary>The account's token changes, as when an admin rotates it in the Twilio console: the old one stops working. Returns the new one.</summary>
    public string RotateToken(string sid)
    {
        var token = "rotated-" + Guid.NewGuid().ToString("N");
        _accounts[sid] = _accounts[sid] with { Token = token };
        return token;
    }

    private async Task<IResult> CreateMessageAsync(string sid, HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var scripted = _scripted.TryGetValue("messages", out var queue) && queue.TryDequeue(out var next) ? next : null;
        if (scripted is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            var created = Authenticated(sid, request) is null ? null : Create(sid, form);
            SendAttempts.Enqueue(new SendAttempt(BasicUser(request), form, created is null ? 401 : 201));
            await Task.Delay(delay, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return created is null ? Unauthorized() : Json(201, MessageJson(created));
        }
        if (scripted is not null)
        {
            SendAttempts.Enqueue(new SendAttempt(BasicUser(request), form, scripted.Status));
            return Json(scripted.Status, scripted.Json);
        }
        if (Authenticated(sid, request) is null)
        {
            SendAttempts.Enqueue(new SendAttempt(BasicUser(request), form, 401));
            return Unauthorized();
        }
        SendAttempts.Enqueue(new SendAttempt(BasicUser(request), form, 201));
        return Json(201, MessageJson(Create(sid, form)));
    }

    private SentMessage Create(string sid, Dictionary<string, string> form)
    {
        var message = new SentMessage("SM" + Guid.NewGuid().ToString("N"), sid, form.GetValueOrDefault("From", ""), form.GetValueOrDefault("To", ""),
            form.GetValueOrDefault("Body", ""), form.GetValueOrDefault("StatusCallback"), DateTime.UtcNow);
        RememberMediaUrl(message.Sid, form);
        Messages.Enqueue(message);
        return message;
    }

    /// <summary>
    /// The account's messages, newest first, filtered like Twilio by To, From and DateSent (`DateSent>=` reaches us as
    /// the key `DateSent>`; both bounds inclusive), in pages of PageSize linked by next_page_uri with a PageToken.
    /// </summary>
    private IResult ListMessages(string sid, HttpRequest request)
    {
        var query = request.Query;
        var to = query["To"].ToString();
        var from = query["From"].ToString();
        var sentFrom = QueryTime(request, "DateSent>");
        var sentUntil = QueryTime(request, "DateSent<");
        var matching = Messages
            .Where(m => m.AccountSid == sid && (to.Length == 0 || m.To == to) && (from.Length == 0 || m.From == from))
            .Where(m => (sentFrom is null && sentUntil is null) || (m.DateSent is { } sent && (sentFrom is null || sent >= sentFrom) && (sentUntil is null || sent <= sentUntil)))
            .OrderByDescending(m => m.DateSent ?? m.DateCreated).ThenByDescending(m => m.Sid, StringComparer.Ordinal)
            .ToList();

        var pageSize = int.TryParse(query["PageSize"], out var size) && size > 0 ? Math.Min(size, 1000) : 50;
        var page = int.TryParse(query["Page"], out var number) ? number : 0;
        var token = query["PageToken"].ToString();
        var start = token.Length == 0 ? 0 : matching.FindIndex(m => "PA" + m.Sid == token) + 1;
        var items = matching.Skip(start).Take(pageSize).ToList();
        var filters = string.Join("", query.Where(q => q.Key is not ("PageSize" or "Page" or "PageToken"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}&"));
        var uri = $"/2010-04-01/Accounts/{sid}/Messages.json";
        var next = start + items.Count < matching.Count
            ? JsonSerializer.Serialize($"{uri}?{filters}PageSize={pageSize}&Page={page + 1}&PageToken=PA{items[^1].Sid}")
            : "null";
        return Json(200, $$"""{"messages":[{{string.Join(",", items.Select(ListedJson))}}],"uri":{{JsonSerializer.Serialize($"{uri}?{filters}PageSize={pageSize}&Page={page}")}},"page":{{page}},"page_size":{{pageSize}},"start":{{start}},"end":{{start + Math.Max(items.Count - 1, 0)}},"first_page_uri":{{JsonSerializer.Serialize($"{uri}?{filters}PageSize={pageSize}&Page=0")}},"next_page_uri":{{next}},"previous_page_uri":null}""");
    }

    private static DateTime? QueryTime(HttpRequest request, string key) =>
        DateTime.TryParse(request.Query[key].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>A message as the list shows it: the send's JSON with its direction, status, date_sent and media count.</summary>
    private static string ListedJson(SentMessage m)
    {
        if (m.RawJson is { } raw)
            return raw;
        var json = JsonNode.Parse(MessageJson(m))!.AsObject();
        json["direction"] = m.Direction;
        json["status"] = m.Status;
        json["date_sent"] = m.DateSent is { } sent ? Rfc2822(sent) : null;
        json["num_media"] = m.MediaSids.Count.ToString(CultureInfo.InvariantCulture);
        return json.ToJsonString();
    }

    /// <summary>A customer's message that reached Twilio but never our webhook: it exists only in the account's message list (W17).</summary>
    public SentMessage AddInboundMessage(string accountSid, string from, string to, string body, DateTime dateSent, params (byte[] Bytes, string ContentType)[] media)
    {
        var mediaSids = media.Select(file =>
        {
            var me = "ME" + Guid.NewGuid().ToString("N");
            _media[me] = (accountSid, file.Bytes, file.ContentType);
            return me;
        }).ToList();
        var message = new SentMessage((mediaSids.Count > 0 ? "MM" : "SM") + Guid.NewGuid().ToString("N"), accountSid, from, to, body, null, dateSent)
        {
            Direction = "inbound",
            Status = "received",
            DateSent = dateSent,
            MediaSids = mediaSids,
        };
        Messages.Enqueue(message);
        return message;
    }

    /// <summary>Any other item of the account's message list: an outbound message, one to another number, or raw JSON.</summary>
    public void AddListedMessage(SentMessage message) => Messages.Enqueue(message);

    private IResult ListMedia(string sid, string messageSid)
    {
        if (Messages.FirstOrDefault(m => m.AccountSid == sid && m.Sid == messageSid) is not { } message)
            return Json(404, """{"code":20404,"message":"The requested resource was not found","status":404}""");
        var uri = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media.json";
        var items = message.MediaSids.Select(me => $$"""{"sid":"{{me}}","account_sid":"{{sid}}","parent_sid":"{{messageSid}}","content_type":"{{_media[me].ContentType}}","date_created":"{{Rfc2822(message.DateCreated)}}","date_updated":"{{Rfc2822(message.DateCreated)}}","uri":"/2010-04-01/Accounts/{{sid}}/Messages/{{messageSid}}/Media/{{me}}.json"}""");
        return Json(200, $$"""{"media_list":[{{string.Join(",", items)}}],"uri":"{{uri}}","page":0,"page_size":50,"start":0,"end":0,"first_page_uri":"{{uri}}?PageSize=50&Page=0","next_page_uri":null,"previous_page_uri":null}""");
    }

    private static string Rfc2822(DateTime time) => time.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);

    private static string MessageJson(SentMessage m)
    {
        var date = m.DateCreated.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return $$"""{"sid":"{{m.Sid}}","account_sid":"{{m.AccountSid}}","from":{{JsonSerializer.Serialize(m.From)}},"to":{{JsonSerializer.Serialize(m.To)}},"body":{{JsonSerializer.Serialize(m.Body)}},"status":"queued","direction":"outbound-api","num_media":"0","num_segments":"1","api_version":"2010-04-01","date_created":"{{date}}","date_updated":"{{date}}","date_sent":null,"error_code":null,"error_message":null,"price":null,"uri":"/2010-04-01/Accounts/{{m.AccountSid}}/Messages/{{m.Sid}}.json"}""";
    }

    private Account? Authenticated(string sid, HttpRequest request)
    {
        var (user, password) = Credentials(request);
        return user is not null && user == sid && _accounts.TryGetValue(sid, out var account) && account.Token == password ? account : null;
    }

    private static IResult Unauthorized() =>
        Json(401, """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");

    private IResult Answer(string endpoint, string sid, HttpRequest request, Func<Account, IResult> answer)
    {
        if (_scripted.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var scripted))
            return Json(scripted.Status, scripted.Json);
        return Authenticated(sid, request) is { } account ? answer(account) : Unauthorized();
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
