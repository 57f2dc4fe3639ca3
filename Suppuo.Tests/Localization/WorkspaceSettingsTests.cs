using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Localization;

/// <summary>W24: a workspace's language and time zone, through the API, the admin command line and the configured defaults.</summary>
public class WorkspaceSettingsTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Url = "/api/v1/settings/workspace";

    private async Task<HttpClient> ClientWithScopeAsync(TestWorkspace workspace, string scope)
    {
        var client = app.CreateClient();
        var key = (await workspace.Api.PostJsonAsync("/api/v1/api-keys", new { name = scope + " integration", scope })).Str("key");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task W24_settings_read_back_what_an_admin_key_saved_with_read_receipts_as_the_api_spells_them()
    {
        var workspace = await app.CreateWorkspaceAsync("Toko Budi");
        var before = await workspace.Api.GetJsonAsync(Url);
        Assert.Equal(("Toko Budi", "en", "Asia/Jakarta", "off"), (before.Str("name"), before.Str("language"), before.Str("timeZone"), before.Str("readReceipts")));

        var put = await workspace.Api.PutAsJsonAsync(Url, new { name = " Toko Budi Jaya ", language = "id", timeZone = "Asia/Makassar", readReceipts = "assignee-open" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await workspace.Api.GetJsonAsync(Url);
        Assert.Equal(("Toko Budi Jaya", "id", "Asia/Makassar", "assignee-open"), (after.Str("name"), after.Str("language"), after.Str("timeZone"), after.Str("readReceipts")));
        var stored = await app.WithDbAsync(async db => await db.Workspaces.FindAsync(workspace.Id));
        Assert.Equal((Languages.Indonesian, "Asia/Makassar", ReadReceipts.AssigneeOpen), (stored!.Language, stored.TimeZone, stored.ReadReceipts));
    }

    [Theory]
    [InlineData("language", "fr", "Asia/Jakarta", "off", "en, id")]
    [InlineData("language", "ID-id", "Asia/Jakarta", "off", "en, id")]
    [InlineData("timeZone", "id", "Mars/Olympus_Mons", "off", "IANA")]
    [InlineData("timeZone", "id", "SE Asia Standard Time", "off", "IANA")] // a Windows name is not portable
    [InlineData("readReceipts", "id", "Asia/Jakarta", "always", "on-open")]
    public async Task W24_an_unknown_language_zone_or_read_receipt_setting_is_400_naming_what_is_allowed(
        string field, string language, string timeZone, string readReceipts, string named)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var problem = await (await workspace.Api.PutAsJsonAsync(Url, new { name = "Acme", language, timeZone, readReceipts })).AssertProblemAsync(400, field);
        Assert.Contains(named, string.Join(" ", problem["errors"]![field]!.AsArray().Select(e => e!.GetValue<string>())));
        Assert.Equal("en", (await workspace.Api.GetJsonAsync(Url)).Str("language"));
    }

    [Fact]
    public async Task W24_a_name_out_of_bounds_or_a_missing_field_is_400()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PutAsJsonAsync(Url, new { name = new string('x', Workspace.NameMaxLength + 1), language = "id", timeZone = "Asia/Jakarta", readReceipts = "off" }))
            .AssertProblemAsync(400, "name");
        await (await workspace.Api.PutAsJsonAsync(Url, new { name = "", language = "id", timeZone = "Asia/Jakarta", readReceipts = "off" })).AssertProblemAsync(400, "name");
        await (await workspace.Api.PutAsJsonAsync(Url, new { name = "Acme", timeZone = "Asia/Jakarta", readReceipts = "off" })).AssertProblemAsync(400, "language");
    }

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    public async Task W24_any_key_reads_the_settings_and_only_an_admin_key_changes_them(string scope)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var client = await ClientWithScopeAsync(workspace, scope);

        Assert.Equal("en", (await client.GetJsonAsync(Url)).Str("language"));
        await (await client.PutAsJsonAsync(Url, new { name = "Taken", language = "id", timeZone = "Asia/Jakarta", readReceipts = "off" })).AssertProblemAsync(403);
        Assert.Equal("en", (await workspace.Api.GetJsonAsync(Url)).Str("language"));
    }

    [Fact]
    public async Task W24_changing_the_workspace_language_speaks_the_new_one_on_an_agent_s_next_page()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var pages = new AccountPages(app);
        await pages.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        Assert.Contains("<html lang=\"en\"", await (await pages.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"))).Content.ReadAsStringAsync());

        await workspace.Api.PutAsJsonAsync(Url, new { name = "Acme", language = "id", timeZone = "Asia/Jakarta", readReceipts = "off" });

        // Within the language cache's minute: the change itself forgot the agents' cached language.
        Assert.Contains("<html lang=\"id\"", await (await pages.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"))).Content.ReadAsStringAsync());
    }

    private async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        _ = app.Server; // the web app has migrated the database file
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AdminCommandLine.RunAsync(args, output, error, new Dictionary<string, string?> { ["Suppuo:DataDirectory"] = app.DataDirectory });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task W24_create_workspace_takes_the_language_and_time_zone()
    {
        var email = $"cli-{Guid.NewGuid():N}@toko.test";
        var (exit, output, error) = await RunCliAsync(
            "create-workspace", "--name", "Toko Makassar", "--owner-email", email, "--owner-password", "P@ssw0rd!23", "--language", "id", "--time-zone", "Asia/Makassar");

        Assert.True(exit == 0, error);
        var id = JsonNode.Parse(output.Trim())!.Int("workspaceId");
        var workspace = await app.WithDbAsync(async db => await db.Workspaces.FindAsync(id));
        Assert.Equal((Languages.Indonesian, "Asia/Makassar"), (workspace!.Language, workspace.TimeZone));
    }

    [Theory]
    [InlineData("language", "--language", "fr")]
    [InlineData("time-zone", "--time-zone", "Asia/Atlantis")]
    public async Task W24_create_workspace_refuses_an_unknown_language_or_zone_naming_the_option(string option, string flag, string value)
    {
        var name = "Refused " + Guid.NewGuid().ToString("N");
        var (exit, output, error) = await RunCliAsync(
            "create-workspace", "--name", name, "--owner-email", $"x-{Guid.NewGuid():N}@toko.test", "--owner-password", "P@ssw0rd!23", flag, value);

        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Contains($"--{option}: Unknown", error);
        Assert.Contains(value, error);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Workspaces.Any(w => w.Name == name))));
    }

    [Fact]
    public async Task W24_a_new_workspace_takes_the_configured_defaults()
    {
        await using var configured = new SuppuoApp()
            .WithSetting("Suppuo:Defaults:Language", "id")
            .WithSetting("Suppuo:Defaults:TimeZone", "Asia/Jayapura");
        var workspace = await configured.CreateWorkspaceAsync();

        var settings = await workspace.Api.GetJsonAsync(Url);
        Assert.Equal(("id", "Asia/Jayapura"), (settings.Str("language"), settings.Str("timeZone")));
    }
}

/// <summary>W24: the sign-up form asks the new workspace's language and time zone, prefilled with the configured defaults.</summary>
public class SignupLanguageTests
{
    [Fact]
    public async Task W24_signup_offers_the_configured_defaults_and_creates_the_workspace_in_the_chosen_language_and_zone()
    {
        using var app = new SuppuoApp().WithSetting("Suppuo:Defaults:Language", "id").WithSetting("Suppuo:Defaults:TimeZone", "Asia/Makassar");
        var pages = new AccountPages(app);

        var form = await (await pages.GetAsync("/signup")).Content.ReadAsStringAsync();
        Assert.Matches("<option value=\"id\" selected[^>]*>Bahasa Indonesia</option>", form);
        Assert.Matches("<option value=\"Asia/Makassar\" selected", form);
        // Indonesia's three zones come first.
        Assert.True(form.IndexOf("Asia/Jakarta", StringComparison.Ordinal) < form.IndexOf("Asia/Jayapura", StringComparison.Ordinal)
            && form.IndexOf("Asia/Jayapura", StringComparison.Ordinal) < form.IndexOf("Europe/London", StringComparison.Ordinal));

        var created = await pages.PostAsync("/signup", "signup", new Dictionary<string, string>
        {
            ["WorkspaceName"] = "Toko Papua", ["Name"] = "Yosua", ["Email"] = $"yosua-{Guid.NewGuid():N}@toko.test", ["Password"] = "Passw0rd!",
            ["Language"] = "en", ["TimeZone"] = "Asia/Jayapura",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var workspace = await app.WithDbAsync(db => Task.FromResult(db.Workspaces.Single()));
        Assert.Equal(("Toko Papua", Languages.English, "Asia/Jayapura"), (workspace.Name, workspace.Language, workspace.TimeZone));
    }

    [Fact]
    public async Task W24_signup_refuses_an_unknown_time_zone_with_a_clear_message()
    {
        using var app = new SuppuoApp();
        var refused = await new AccountPages(app).PostAsync("/signup", "signup", new Dictionary<string, string>
        {
            ["WorkspaceName"] = "Toko", ["Email"] = $"t-{Guid.NewGuid():N}@toko.test", ["Password"] = "Passw0rd!",
            ["Language"] = "id", ["TimeZone"] = "Asia/Atlantis",
        });

        Assert.Contains("Unknown time zone 'Asia/Atlantis'", await AccountPages.MessageOfAsync(refused));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Workspaces.Count())));
    }
}
