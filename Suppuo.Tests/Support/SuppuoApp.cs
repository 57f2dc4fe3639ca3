using System.Net.Http.Headers;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;
using Suppuo.Core.Workspaces;

namespace Suppuo.Tests.Support;

/// <summary>
/// The real app over a real SQLite file in a fresh folder, shared by the tests of one class. Each test makes its own
/// workspace, so tests never see each other's tickets.
/// </summary>
public sealed class SuppuoApp : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("suppuo-test-").FullName;

    private int _workspaces;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, package assets (_framework, _content/MudBlazor) are served only from a publish folder;
        // tests run from the build output, so map them from their build-time locations as Development does.
        builder.UseStaticWebAssets();
        builder.UseSetting("Suppuo:DataDirectory", DataDirectory);
        builder.UseSetting("Suppuo:PublicBaseUrl", "https://suppuo.example.com");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
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
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
        }
    }
}

public sealed record TestWorkspace(int Id, string OwnerUserId, string OwnerEmail, HttpClient Api);
