using Bunit;
using Suppuo.Core.Automation;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>The admin's auto-reply page with bunit, over the real Core.</summary>
public class AutoReplyPageTests(SuppuoApp app) : AdminPageTest(app)
{
    private async Task<(TestWorkspace Workspace, IRenderedComponent<AutoReplyPage> Page)> RenderAsAdminAsync()
    {
        var workspace = await App.CreateWorkspaceAsync();
        SignInAsOwnerOf(workspace);
        Bunit.Render<MudBlazor.MudSnackbarProvider>();
        var page = Bunit.Render<AutoReplyPage>();
        page.WaitForElement("textarea");
        return (workspace, page);
    }

    [Fact]
    public async Task Admin_turns_the_auto_reply_on_with_a_text_and_it_is_saved()
    {
        var (workspace, page) = await RenderAsAdminAsync();

        page.Find("input[type=checkbox]").Change(true);
        page.Find("textarea").Input("Hi {{requester.name}}, we got #{{ticket.id}}");
        await page.Find("[data-testid=save-auto-reply]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Hi Siti, we got #1042", page.Markup)); // the preview
        var saved = await App.SendAsync(new GetAutoReply(workspace.Id));
        Assert.Equal(new AutoReplyDto(true, "Hi {{requester.name}}, we got #{{ticket.id}}"), saved);
    }

    [Fact]
    public async Task An_empty_text_cannot_be_switched_on_and_says_why()
    {
        var (workspace, page) = await RenderAsAdminAsync();

        page.Find("input[type=checkbox]").Change(true);
        page.Find("textarea").Input("");
        await page.Find("[data-testid=save-auto-reply]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Cannot be empty while the auto-reply is on.", page.Markup));
        Assert.False((await App.SendAsync(new GetAutoReply(workspace.Id))).Enabled);
    }
}
