using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Api;

/// <summary>API key scopes and /api/v1/api-keys (W26; API.md, "Beyond the beta").</summary>
public class ApiKeyScopesTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private HttpClient ClientWith(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<HttpClient> ClientWithScopeAsync(TestWorkspace workspace, string scope) =>
        ClientWith((await workspace.Api.PostJsonAsync("/api/v1/api-keys", new { name = scope + " integration", scope })).Str("key"));

    [Theory]
    [InlineData("read", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("write", HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Created)]
    public async Task W26_each_scope_may_do_what_it_names_and_nothing_more(string scope, HttpStatusCode get, HttpStatusCode ticket, HttpStatusCode channel)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var client = await ClientWithScopeAsync(workspace, scope);
        var sid = TwilioNumbers.NewAccountSid();
        var number = TwilioNumbers.NewNumber();
        app.Twilio.AddAccount(sid, "token", whatsAppSenders: [number]);

        Assert.Equal(get, (await client.GetAsync("/api/v1/tickets")).StatusCode);
        var created = await client.PostAsJsonAsync("/api/v1/tickets", new { subject = "Hi", channel = "email", requesterEmail = "maria@example.com" });
        Assert.Equal(ticket, created.StatusCode);
        var connected = await client.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = number });
        Assert.Equal(channel, connected.StatusCode);

        if (channel == HttpStatusCode.Forbidden)
        {
            Assert.Contains("scope", (await connected.AssertProblemAsync(403)).Str("detail"));
            Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray());
        }
        if (ticket == HttpStatusCode.Forbidden)
            await created.AssertProblemAsync(403);
    }

    [Fact]
    public async Task W26_a_write_key_may_not_change_settings_or_keys()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var write = await ClientWithScopeAsync(workspace, "write");

        await (await write.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Halo" })).AssertProblemAsync(403);
        await (await write.GetAsync("/api/v1/api-keys")).AssertProblemAsync(403);
        await (await write.PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", scope = "admin" })).AssertProblemAsync(403);
        Assert.False((await workspace.Api.GetJsonAsync("/api/v1/settings/auto-reply"))["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("GET", "/api/v1/api-keys")]
    [InlineData("POST", "/api/v1/api-keys")]
    [InlineData("DELETE", "/api/v1/api-keys/1")]
    public async Task W26_api_keys_routes_without_a_key_are_401_problem(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json.Body("{}") });
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task W26_an_admin_key_lists_creates_and_revokes_keys_and_a_revoked_key_is_401_from_the_next_request()
    {
        var workspace = await app.CreateWorkspaceAsync();

        var response = await workspace.Api.PostAsJsonAsync("/api/v1/api-keys", new { name = "Zapier", scope = "write" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal(["id", "name", "scope", "key"], created.AsObject().Select(p => p.Key));
        Assert.Equal(("Zapier", "write"), (created.Str("name"), created.Str("scope")));
        Assert.Equal($"/api/v1/api-keys/{created.Int("id")}", response.Headers.Location?.OriginalString);
        var zapier = ClientWith(created.Str("key"));
        Assert.Equal(HttpStatusCode.OK, (await zapier.GetAsync("/api/v1/tickets")).StatusCode);

        var listText = await (await workspace.Api.GetAsync("/api/v1/api-keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(created.Str("key"), listText);
        var listed = (await workspace.Api.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray().Single(k => k!.Int("id") == created.Int("id"))!;
        Assert.Equal(["id", "name", "scope", "createdAt", "lastUsedAt"], listed.AsObject().Select(p => p.Key));
        Assert.Equal("write", listed.Str("scope"));
        Assert.NotNull(listed["lastUsedAt"]); // it was just used

        Assert.Equal(HttpStatusCode.NoContent, (await workspace.Api.DeleteAsync($"/api/v1/api-keys/{created.Int("id")}")).StatusCode);
        await (await zapier.GetAsync("/api/v1/tickets")).AssertProblemAsync(401);
        Assert.DoesNotContain((await workspace.Api.GetJsonAsync("/api/v1/api-keys"))["items"]!.AsArray(), k => k!.Int("id") == created.Int("id"));
        await (await workspace.Api.DeleteAsync("/api/v1/api-keys/999999")).AssertProblemAsync(404);
    }

    [Theory]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"name":"x","scope":"superuser"}""")]
    public async Task W26_creating_a_key_without_a_known_scope_is_400_naming_scope(string json)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PostAsync("/api/v1/api-keys", Json.Body(json))).AssertProblemAsync(400, "scope");
    }

    [Fact]
    public async Task W26_a_key_made_before_scopes_existed_is_an_admin_key()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var secret = ApiKey.NewSecret();
        // A row as the schema before scopes wrote it: no scope column value, so the column's default applies.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO ApiKeys (WorkspaceId, Name, Hint, KeyHash, CreatedAt) VALUES ({workspace.Id}, 'Old', {secret[..7]}, {ApiKey.Hash(secret)}, {DateTime.UtcNow})"));

        var old = ClientWith(secret);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/api-keys")).StatusCode);
        Assert.Equal(ApiKeyScope.Admin, await app.WithDbAsync(db => db.ApiKeys.Where(k => k.KeyHash == ApiKey.Hash(secret)).Select(k => k.Scope).SingleAsync()));
    }
}
