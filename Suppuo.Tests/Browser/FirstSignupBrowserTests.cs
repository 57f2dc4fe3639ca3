using Microsoft.Playwright;

namespace Suppuo.Tests.Browser;

/// <summary>
/// The first visitor of an empty install creates its workspace at /signup (W26, <c>Suppuo:Signup</c> = FirstWorkspace):
/// a class of its own, because every other browser test's app already has workspaces, which closes sign-up.
/// </summary>
public class FirstSignupBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task Signup_creates_a_workspace_and_signs_its_owner_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.FillAsync("#workspace", "Warung Sari");
        await page.FillAsync("#name", "Sari");
        await page.FillAsync("#email", $"sari-{Guid.NewGuid():N}@example.test");
        await page.FillAsync("#password", "Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        await page.WaitUntilInteractiveAsync();
        Assert.Equal("Warung Sari", await page.InnerTextAsync("[data-testid=workspace-name]"));
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Channels"); // the owner is an admin
    }
}
