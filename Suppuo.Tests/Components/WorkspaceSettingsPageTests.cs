using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W24: the admin's workspace settings page with bunit, over the real Core.</summary>
public class WorkspaceSettingsPageTests(SuppuoApp app) : AdminPageTest(app)
{
    [Fact]
    public async Task W24_an_admin_changes_the_workspace_language_zone_and_read_receipts_on_the_settings_page()
    {
        var workspace = await App.CreateWorkspaceAsync("Toko Budi");
        SignInAsOwnerOf(workspace);
        Bunit.Render<MudSnackbarProvider>();
        var page = Bunit.Render<WorkspaceSettingsPage>();
        page.WaitForElement("[data-testid=save-settings]");

        var selects = page.FindComponents<MudSelect<string>>();
        await page.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync(Languages.Indonesian));
        await page.InvokeAsync(() => selects[1].Instance.ValueChanged.InvokeAsync("Asia/Jayapura"));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<ReadReceipts>>().Instance.ValueChanged.InvokeAsync(ReadReceipts.OnOpen));
        await page.Find("[data-testid=save-settings]").ClickAsync(new());

        var saved = await App.SendAsync(new GetWorkspaceSettings(workspace.Id));
        Assert.Equal(new WorkspaceSettingsDto("Toko Budi", Languages.Indonesian, "Asia/Jayapura", ReadReceipts.OnOpen), saved);
        page.WaitForAssertion(() => Assert.Contains(Bunit.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message != null && s.Message.StartsWith("Settings saved", StringComparison.Ordinal)));
    }
}
