using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Suppuo.Tests.Support;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Workspaces;

/// <summary>`admin create-workspace` (docs/contract.md, "Admin command line"), run in-process against the app's data folder.</summary>
public class AdminCommandLineTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AdminCommandLine.RunAsync(args, output, error, new Dictionary<string, string?> { ["Suppuo:DataDirectory"] = app.DataDirectory });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_workspace_prints_one_json_object_whose_key_works_on_the_api()
    {
        _ = app.Server; // the web app has migrated the same database file
        var (exit, output, _) = await RunAsync("create-workspace", "--name", "Acme", "--owner-email", "a@acme.test", "--owner-password", "P@ssw0rd!23");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output.Trim())!.AsObject();
        Assert.Equal(["workspaceId", "apiKey"], json.Select(p => p.Key));
        Assert.StartsWith("sk_", json.Str("apiKey"));

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.Str("apiKey"));
        var ticket = await client.PostJsonAsync("/api/v1/tickets", new { subject = "From the CLI", channel = "web", requesterEmail = "x@acme.test" });
        Assert.Equal(json.Int("workspaceId"), await app.WithDbAsync(db => Task.FromResult(db.Tickets.Single(t => t.Id == ticket.Int("id")).WorkspaceId)));
    }

    [Fact]
    public async Task A_duplicate_owner_email_exits_non_zero_with_the_reason_and_prints_nothing()
    {
        var first = await RunAsync("create-workspace", "--name", "One", "--owner-email", "dup@acme.test", "--owner-password", "P@ssw0rd!23");
        Assert.Equal(0, first.Exit);

        var (exit, output, error) = await RunAsync("create-workspace", "--name", "Two", "--owner-email", "dup@acme.test", "--owner-password", "P@ssw0rd!23");
        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Contains("dup@acme.test already exists", error);
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Workspaces.Count(w => w.Name == "Two" || w.Name == "One"))));
    }

    [Theory]
    [InlineData("owner-password", "create-workspace", "--name", "Weak", "--owner-email", "weak@acme.test", "--owner-password", "short")]
    [InlineData("owner-email", "create-workspace", "--name", "Bad", "--owner-email", "not-an-email", "--owner-password", "P@ssw0rd!23")]
    [InlineData("name", "create-workspace", "--owner-email", "noname@acme.test", "--owner-password", "P@ssw0rd!23")]
    public async Task Bad_input_exits_non_zero_naming_the_option(string option, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Contains("--" + option, error);
    }

    [Theory]
    [InlineData("read", 403)]
    [InlineData("write", 201)]
    public async Task W26_create_api_key_prints_the_same_json_as_the_api_and_the_key_has_its_scope(string scope, int ticketStatus)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (exit, output, _) = await RunAsync("create-api-key", "--workspace", workspace.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--name", "Nightly export", "--scope", scope);

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output.Trim())!.AsObject();
        Assert.Equal(["id", "name", "scope", "key"], json.Select(p => p.Key));
        Assert.Equal(("Nightly export", scope), (json.Str("name"), json.Str("scope")));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.Str("key"));
        Assert.Equal(200, (int)(await client.GetAsync("/api/v1/tickets")).StatusCode);
        var ticket = await client.PostAsync("/api/v1/tickets", Json.Body("""{"subject":"Hi","channel":"web","requesterEmail":"x@acme.test"}"""));
        Assert.Equal(ticketStatus, (int)ticket.StatusCode);
    }

    [Fact]
    public async Task W26_the_create_workspace_key_is_an_admin_key()
    {
        var (_, output, _) = await RunAsync("create-workspace", "--name", "Scoped", "--owner-email", $"scoped-{Guid.NewGuid():N}@acme.test", "--owner-password", "P@ssw0rd!23");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(output.Trim())!.Str("apiKey"));
        Assert.Equal(200, (int)(await client.GetAsync("/api/v1/api-keys")).StatusCode);
    }

    [Theory]
    [InlineData("scope", "create-api-key", "--workspace", "1", "--name", "x", "--scope", "root")]
    [InlineData("scope", "create-api-key", "--workspace", "1", "--name", "x")]
    [InlineData("workspace", "create-api-key", "--name", "x", "--scope", "read")]
    [InlineData("workspace", "create-api-key", "--workspace", "999999", "--name", "x", "--scope", "read")]
    public async Task W26_create_api_key_with_bad_input_exits_non_zero_naming_the_option(string option, params string[] args)
    {
        _ = app.Server;
        var (exit, output, error) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Contains("--" + option, error);
    }

    [Fact]
    public async Task An_unknown_command_exits_non_zero_with_usage()
    {
        var (exit, _, error) = await RunAsync("delete-everything");
        Assert.NotEqual(0, exit);
        Assert.Contains("usage: admin create-workspace", error);
    }
}
