using System.Collections.Concurrent;
using System.Net.Http.Headers;
using MediatR;
using Microsoft.AspNetCore.Hosting;
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
public sealed class SuppuoApp : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://suppuo.example.com";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("suppuo-test-").FullName;
    public FakeTwilio Twilio { get; } = FakeTwilio.Start();
    /// <summary>Every event Core published, in order: what the live inbox would be told.</summary>
    public ConcurrentQueue<INotification> Events { get; } = new();

    private int _workspaces;
    private readonly Dictionary<string, string> _settings = [];

    /// <summary>An extra configuration value, e.g. Suppuo:Smtp:Host; only before the app first starts.</summary>
    public SuppuoApp WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
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
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Events);
            services.AddScoped<INotificationHandler<TicketCreated>, EventRecorder>();
            services.AddScoped<INotificationHandler<MessageAdded>, EventRecorder>();
            services.AddScoped<INotificationHandler<TicketStatusChanged>, EventRecorder>();
            services.AddScoped<INotificationHandler<Suppuo.Core.Automation.AutoReplyAdded>, EventRecorder>();
        });
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

    /// <summary>A new workspace and a client that calls /api/v1 with its API key.</summary>
    public async Task<TestWorkspace> CreateWorkspaceAsync(string? name = null)
    {
        var n = Interlocked.Increment(ref _workspaces);
        var email = $"owner{n}-{Guid.NewGuid():N}@example.test";
        var created = await SendAsync(new CreateWorkspace(name ?? $"Workspace {n}", email, "Passw0rd!", $"Owner {n}"));
        var key = await SendAsync(new CreateApiKey(created.WorkspaceId, "tests"));
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return new TestWorkspace(created.WorkspaceId, created.OwnerUserId, email, client);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Twilio.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
        }
    }

    private sealed class EventRecorder(ConcurrentQueue<INotification> events)
        : INotificationHandler<TicketCreated>, INotificationHandler<MessageAdded>, INotificationHandler<TicketStatusChanged>,
          INotificationHandler<Suppuo.Core.Automation.AutoReplyAdded>
    {
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
