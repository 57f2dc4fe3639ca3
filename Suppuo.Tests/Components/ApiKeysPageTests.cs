using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>The API keys page (issue 6) with bunit, over the real Core.</summary>
public class ApiKeysPageTests(SuppuoApp app) : AdminPageTest(app)
{
    private async Task<(TestWorkspace Workspace, IRenderedComponent<ApiKeysPage> Page, IRenderedComponent<MudDialogProvider> Dialogs)> RenderAsAdminAsync()
    {
        var workspace = await App.CreateWorkspaceAsync(); // it comes with one key, "tests"
        SignInAsOwnerOf(workspace);
        var dialogs = RenderDialogProvider(); // services are fixed from the first render on, so after sign-in
        var page = Bunit.Render<ApiKeysPage>();
        page.WaitForElement("[data-testid=api-keys-table]");
        return (workspace, page, dialogs);
    }

    private static async Task<string> CreateKeyAsync(IRenderedComponent<ApiKeysPage> page, string name)
    {
        page.Find("#api-key-name").Input(name);
        await page.Find("[data-testid=create-api-key]").ClickAsync(new());
        page.WaitForElement("[data-testid=new-api-key]");
        return page.Find("#new-api-key-value").GetAttribute("value")!;
    }

    [Fact]
    public async Task A_new_key_is_shown_once_and_the_list_keeps_only_its_hint()
    {
        var (workspace, page, _) = await RenderAsAdminAsync();

        var key = await CreateKeyAsync(page, "Zapier");

        Assert.StartsWith("sk_", key);
        Assert.Equal(workspace.Id, (await App.SendAsync(new AuthenticateApiKey(key)))?.WorkspaceId);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=api-key-row]"), r => r.TextContent.Contains("Zapier") && r.TextContent.Contains(key[..7] + "…")));

        await page.Find("[data-testid=dismiss-api-key]").ClickAsync(new());

        Assert.Empty(page.FindAll("[data-testid=new-api-key]"));
        Assert.DoesNotContain(key, page.Markup);
        var laterVisit = Bunit.Render<ApiKeysPage>();
        laterVisit.WaitForElement("[data-testid=api-keys-table]");
        Assert.DoesNotContain(key, laterVisit.Markup);
    }

    [Fact]
    public async Task The_copy_button_puts_the_key_on_the_clipboard()
    {
        var (_, page, _) = await RenderAsAdminAsync();
        var key = await CreateKeyAsync(page, "Website form");

        await page.Find("[data-testid=copy-api-key]").ClickAsync(new());

        Assert.Equal(key, Bunit.JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments.Single());
    }

    [Fact]
    public async Task W26_a_key_made_on_the_page_is_a_write_key_by_default_and_the_list_shows_each_keys_scope()
    {
        var (_, page, _) = await RenderAsAdminAsync();
        var key = await CreateKeyAsync(page, "Website form");

        Assert.Equal(ApiKeyScope.Write, (await App.SendAsync(new AuthenticateApiKey(key)))?.Scope);
        page.WaitForAssertion(() => Assert.Equal(["write", "admin"], page.FindAll("[data-testid=api-key-row] [data-testid=api-key-scope]").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public async Task A_browser_that_refuses_the_clipboard_gets_told_to_copy_by_hand()
    {
        Bunit.JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new JSException("Write permission denied."));
        var (_, page, _) = await RenderAsAdminAsync();
        await CreateKeyAsync(page, "Website form");

        await page.Find("[data-testid=copy-api-key]").ClickAsync(new());

        var snackbar = Assert.Single(Bunit.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("select the key and copy it", snackbar.Message);
        Assert.NotEmpty(page.FindAll("[data-testid=new-api-key]"));
    }

    [Fact]
    public async Task Revoking_a_key_asks_first_then_shows_it_revoked_and_the_api_refuses_it()
    {
        var (workspace, page, dialogs) = await RenderAsAdminAsync();
        var row = Assert.Single(page.FindAll("[data-testid=api-key-row]"));

        await ConfirmAsync(row.QuerySelector("[data-testid=revoke-api-key]")!, dialogs, "Revoke");

        page.WaitForAssertion(() => Assert.StartsWith("Revoked", page.Find("[data-testid=api-key-status]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=revoke-api-key]"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await workspace.Api.GetAsync("/api/v1/tickets")).StatusCode);
    }
}
