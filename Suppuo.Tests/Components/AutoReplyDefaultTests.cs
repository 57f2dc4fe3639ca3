using System.Net.Http.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Automation;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W24: the auto-reply page shows the default text in the workspace's language and brings it back on request.</summary>
public class AutoReplyDefaultTests(SuppuoApp app) : AdminPageTest(app)
{
    [Fact]
    public async Task W24_the_auto_reply_page_shows_the_default_in_the_workspace_language_and_resets_a_customised_text_to_it()
    {
        var workspace = await App.CreateWorkspaceAsync();
        await workspace.Api.PutAsJsonAsync("/api/v1/settings/workspace", new { name = "Toko", language = "id", timeZone = "Asia/Jakarta", readReceipts = "off" });
        await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Teks kami sendiri" });
        SignInAsOwnerOf(workspace);
        Bunit.Render<MudBlazor.MudSnackbarProvider>();
        var page = Bunit.Render<AutoReplyPage>();
        page.WaitForElement("textarea");
        Assert.Equal("Teks kami sendiri", page.Find("textarea").GetAttribute("value") ?? page.Find("textarea").TextContent);

        await page.Find("[data-testid=auto-reply-reset]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=auto-reply-is-default]")));
        Assert.Contains("Bahasa Indonesia", page.Find("[data-testid=auto-reply-is-default]").TextContent);
        Assert.Contains("Halo Kak, terima kasih", page.Markup);
        Assert.Null(await App.WithDbAsync(db => db.AutoReplySettings.Where(s => s.WorkspaceId == workspace.Id).Select(s => s.Text).SingleAsync()));
        Assert.True((await App.SendAsync(new GetAutoReply(workspace.Id))).Enabled);
    }
}
