using Suppuo.Core.Workspaces;
using Suppuo.Tests.Fakes;

namespace Suppuo.Tests.Support;

/// <summary>A data directory and a fake Twilio that outlive several runs of the app, as a restart leaves them.</summary>
public abstract class RestartTest : IAsyncLifetime
{
    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("suppuo-restart-").FullName;
    protected FakeTwilio Twilio { get; } = FakeTwilio.Start();

    /// <summary>One run of the app over the shared data; dispose it to stop it.</summary>
    protected SuppuoApp Run() => SuppuoApp.Over(DataDirectory, Twilio);

    /// <summary>The workspace as seen from <paramref name="app"/>: an API client with a key made in this run.</summary>
    protected static async Task<TestWorkspace> ReopenAsync(SuppuoApp app, TestWorkspace workspace)
    {
        var key = await app.SendAsync(new CreateApiKey(workspace.Id, "after restart", ApiKeyScope.Admin) { By = Actor.Operator });
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        return workspace with { Api = api };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Twilio.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }
}
