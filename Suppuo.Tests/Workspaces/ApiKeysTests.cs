using System.Net;
using System.Net.Http.Headers;
using Suppuo.Core.Common;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Workspaces;

/// <summary>The API keys page's rules (issue 6): list without secrets, revoke for good.</summary>
public class ApiKeysTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private HttpClient ClientWith(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task The_list_shows_a_hint_of_each_key_never_the_key()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var created = await app.SendAsync(new CreateApiKey(workspace.Id, "Zapier", ApiKeyScope.Admin) { By = Actor.User(workspace.OwnerUserId) });

        var keys = await app.SendAsync(new ListApiKeys(workspace.Id) { By = Actor.User(workspace.OwnerUserId) });

        var listed = keys.Single(k => k.Id == created.Id);
        Assert.Equal("Zapier", listed.Name);
        Assert.Equal(created.Key[..7], listed.Hint);
        Assert.DoesNotContain(created.Key, listed.ToString());
        Assert.Null(listed.RevokedAt);
        Assert.Equal(["Zapier", "tests"], keys.Select(k => k.Name)); // newest first
    }

    [Fact]
    public async Task A_revoked_key_is_401_on_the_api()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var created = await app.SendAsync(new CreateApiKey(workspace.Id, "Old integration", ApiKeyScope.Admin) { By = Actor.User(workspace.OwnerUserId) });
        var client = ClientWith(created.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tickets")).StatusCode);

        var revoked = await app.SendAsync(new RevokeApiKey(workspace.Id, created.Id) { By = Actor.User(workspace.OwnerUserId) });

        Assert.NotNull(revoked.RevokedAt);
        await (await client.GetAsync("/api/v1/tickets")).AssertProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await workspace.Api.GetAsync("/api/v1/tickets")).StatusCode); // the workspace's other key still works
    }

    [Fact]
    public async Task A_revoked_key_stays_listed_with_the_time_it_was_revoked()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var created = await app.SendAsync(new CreateApiKey(workspace.Id, "Old integration", ApiKeyScope.Admin) { By = Actor.User(workspace.OwnerUserId) });
        var first = await app.SendAsync(new RevokeApiKey(workspace.Id, created.Id) { By = Actor.User(workspace.OwnerUserId) });

        var again = await app.SendAsync(new RevokeApiKey(workspace.Id, created.Id) { By = Actor.User(workspace.OwnerUserId) });

        Assert.Equal(first.RevokedAt, again.RevokedAt);
        Assert.Equal(first.RevokedAt, (await app.SendAsync(new ListApiKeys(workspace.Id) { By = Actor.User(workspace.OwnerUserId) })).Single(k => k.Id == created.Id).RevokedAt);
    }

    [Fact]
    public async Task Another_workspaces_key_is_not_found_and_keeps_working()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var theirKey = await app.SendAsync(new CreateApiKey(theirs.Id, "Theirs", ApiKeyScope.Admin) { By = Actor.User(theirs.OwnerUserId) });

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RevokeApiKey(mine.Id, theirKey.Id) { By = Actor.User(mine.OwnerUserId) }));

        Assert.DoesNotContain(await app.SendAsync(new ListApiKeys(mine.Id) { By = Actor.User(mine.OwnerUserId) }), k => k.Id == theirKey.Id);
        Assert.Equal(HttpStatusCode.OK, (await ClientWith(theirKey.Key).GetAsync("/api/v1/tickets")).StatusCode);
    }
}
