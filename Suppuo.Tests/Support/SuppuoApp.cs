using System.Collections.Concurrent;
using System.Net.Http.Headers;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Fakes;

namespace Suppuo.Tests.Support;

/// <summary>
/// The real app over a real SQLite file in a fresh folder, with Twilio faked on loopback, shared by the tests of one
/// class. Each test makes its own workspace, so tests never see each other's tickets.
/// </summary>
public class SuppuoApp : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://suppuo.example.com";

    public string DataDirectory { get; }
    public FakeTwilio Twilio { get; }
    public FakeMeta Meta { get; } = FakeMeta.Start();
    /// <summary>The app's clock: real time, unless a test moves it forward.</summary>
    public ShiftableClock Clock { get; } = new();
    /// <summary>Every event Core published, in order: what the live inbox would be told.</summary>
    public ConcurrentQueue<INotification> Events { get; } = new();

    private readonly bool _ownsDataAndTwilio;
    private readonly Dictionary<string, string> _settings = [];
    private int _workspaces;

    /// <summary>An extra configuration value, e.g. Suppuo:Smtp:Host or ConnectionStrings:Postgres; only before the app first starts.</summary>
    public SuppuoApp WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    public SuppuoApp()
    {
        DataDirectory = Directory.CreateTempSubdirectory("suppuo-test-").FullName;
        Twilio = FakeTwilio.Start();
        _ownsDataAndTwilio = true;
    }

    /// <summary>Another run of the app over the same data directory and Twilio, as after a restart; the caller owns both.</summary>
    /// <remarks><paramref name="settings"/> override the test defaults, e.g. a short Suppuo:Workers:GiveUpAfter.</remarks>
    public static SuppuoApp Over(string dataDirectory, FakeTwilio twilio, IReadOnlyDictionary<string, string>? settings = null) =>
        new(dataDirectory, twilio, settings ?? new Dictionary<string, string>());

    private SuppuoApp(string dataDirectory, FakeTwilio twilio, IReadOnlyDictionary<string, string> settings)
    {
        DataDirectory = dataDirectory;
        Twilio = twilio;
        _settings = new Dictionary<string, string>(settings);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, package assets (_framework, _content/MudBlazor) are served only from a publish folder;
        // tests run from the build output, so map them from their build-time locations as Development does.
        builder.UseStaticWebAssets();
        builder.UseSetting("Suppuo:DataDirectory", DataDirectory);
        builder.UseSetting("Suppuo:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Suppuo:Twilio:ApiBaseUrl", Twilio.BaseUrl);
        builder.UseSetting("Suppuo:Meta:GraphBaseUrl", Meta.BaseUrl);
        builder.UseSetting("Suppuo:Meta:GraphVersion", "v24.0");
        builder.UseSetting("Suppuo:Meta:Timeout", "00:00:03");
        // Short enough that the scripted slow answer times out at once, long enough for a loaded CI machine.
        builder.UseSetting("Suppuo:Twilio:Timeout", "00:00:03");
        // The back-fill runs at start-up as in production; later runs only when a test sends RunTwilioBackfill.
        builder.UseSetting("Suppuo:Twilio:BackfillInterval", "1.00:00:00");
        // Background workers pace retries quickly in tests; new work wakes them at once anyway.
        builder.UseSetting("Suppuo:Workers:PollInterval", "00:00:00.100");
        builder.UseSetting("Suppuo:Workers:RetryBaseDelay", "00:00:00.050");
        builder.UseSetting("Suppuo:Workers:MaxRetryDelay", "00:00:00.500");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every test class signs in, signs up and posts from 127.0.0.1 many times: rate limits (W26) are off unless a
        // test's own settings switch them on (RateLimitTests).
        builder.UseSetting("Suppuo:RateLimits:Enabled", "false");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Events);
            services.AddSingleton<TimeProvider>(Clock);
            services.AddScoped<INotificationHandler<TicketCreated>, EventRecorder>();
            services.AddScoped<INotificationHandler<MessageAdded>, EventRecorder>();
            services.AddScoped<INotificationHandler<TicketStatusChanged>, EventRecorder>();
            services.AddScoped<INotificationHandler<DeliveryUpdated>, EventRecorder>();
            services.AddScoped<INotificationHandler<Suppuo.Core.Automation.AutoReplyAdded>, EventRecorder>();
        });
    }

    /// <summary>
    /// Serves the app on Kestrel (loopback, a free port) instead of the in-memory test server, for clients that need a
    /// real socket: Chromium, or a WebSocket. Returns the address, without a trailing slash.
    /// </summary>
    public string StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> WithDbAsync<T>(Func<SuppuoDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SuppuoDbContext>());
    }

    /// <summary>Wakes the outbox worker now instead of at its next poll.</summary>
    public void WakeDeliveries() => Services.GetRequiredService<Core.Delivery.DeliverySignal>().Wake();

    /// <summary>A new workspace and a client that calls /api/v1 with its API key.</summary>
    public async Task<TestWorkspace> CreateWorkspaceAsync(string? name = null)
    {
        var n = Interlocked.Increment(ref _workspaces);
        var email = $"owner{n}-{Guid.NewGuid():N}@example.test";
        var created = await SendAsync(new CreateWorkspace(name ?? $"Workspace {n}", email, "Passw0rd!", $"Owner {n}"));
        var key = await SendAsync(new CreateApiKey(created.WorkspaceId, "tests", ApiKeyScope.Admin) { By = Actor.Operator });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return new TestWorkspace(created.WorkspaceId, created.OwnerUserId, email, client);
    }

    /// <summary>
    /// Open web tickets straight into the database, a minute apart from <paramref name="newest"/> back: more than the
    /// API would create in a test's time. Their ids, newest first.
    /// </summary>
    public Task<List<int>> InsertTicketsAsync(int workspaceId, int count, string subject, DateTime newest) =>
        WithDbAsync(async db =>
        {
            var tickets = Enumerable.Range(0, count).Select(i => new Ticket
            {
                WorkspaceId = workspaceId, Subject = $"{subject} {i}", Channel = TicketChannel.Web, Status = TicketStatus.Open,
                RequesterEmail = "a@example.com", StatusToken = StatusToken.New(),
                CreatedAt = newest.AddMinutes(-i), UpdatedAt = newest.AddMinutes(-i), LastMessageAt = newest.AddMinutes(-i),
            }).ToList();
            db.Tickets.AddRange(tickets);
            await db.SaveChangesAsync();
            return tickets.Select(t => t.Id).ToList();
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Meta.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (disposing && _ownsDataAndTwilio)
        {
            Twilio.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
        }
    }

    private sealed class EventRecorder(ConcurrentQueue<INotification> events)
        : INotificationHandler<TicketCreated>, INotificationHandler<MessageAdded>, INotificationHandler<TicketStatusChanged>, INotificationHandler<DeliveryUpdated>,
          INotificationHandler<Suppuo.Core.Automation.AutoReplyAdded>
    {
        public Task Handle(DeliveryUpdated notification, CancellationToken cancellationToken) => Record(notification);
        public Task Handle(Suppuo.Core.Automation.AutoReplyAdded notification, CancellationToken cancellationToken) => Record(notification);
        public Task Handle(TicketCreated notification, CancellationToken cancellationToken) => Record(notification);
        public Task Handle(MessageAdded notification, CancellationToken cancellationToken) => Record(notification);
        public Task Handle(TicketStatusChanged notification, CancellationToken cancellationToken) => Record(notification);

        private Task Record(INotification notification)
        {
            events.Enqueue(notification);
            return Task.CompletedTask;
        }
    }
}

public sealed record TestWorkspace(int Id, string OwnerUserId, string OwnerEmail, HttpClient Api);
