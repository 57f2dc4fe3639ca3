using Bunit;
using Suppuo.Core.CannedResponses;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.AgentTools;

/// <summary>W23: the canned responses page; admins edit, agents read.</summary>
public class CannedResponsesPageTests(SuppuoApp app) : Components.AdminPageTest(app)
{
    [Fact]
    public async Task W23_an_admin_adds_a_canned_response_on_the_page_and_a_taken_shortcut_says_so()
    {
        var workspace = await App.CreateWorkspaceAsync();
        SignInAsOwnerOf(workspace);
        Bunit.Render<MudBlazor.MudSnackbarProvider>();
        var page = Bunit.Render<CannedResponsesPage>();
        page.WaitForElement("[data-testid=canned-form]");

        page.Find("#canned-shortcut").Change("thanks");
        page.Find("#canned-text").Input("Terima kasih, {{requester.name}}!");
        await page.Find("[data-testid=save-canned]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=canned-row]")));
        var saved = Assert.Single(await App.SendAsync(new ListCannedResponses(workspace.Id)));
        Assert.Equal(("thanks", "Terima kasih, {{requester.name}}!"), (saved.Shortcut, saved.Text));

        page.Find("#canned-shortcut").Change("thanks");
        page.Find("#canned-text").Input("Lagi");
        await page.Find("[data-testid=save-canned]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("/thanks", page.Find("[data-testid=canned-form]").TextContent));
        Assert.Single(await App.SendAsync(new ListCannedResponses(workspace.Id)));
    }
}
