using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

public class SignInTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task An_agent_signs_in_and_sees_the_workspace_inbox_then_signs_out()
    {
        var workspace = await browser.App.CreateWorkspaceAsync("Toko Budi");
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Pesanan belum sampai", channel = "whatsapp", requesterPhone = "+6281234567890", requesterName = "Budi" });
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**"); // signed out: the inbox sends you to sign in
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();

        Assert.Equal("Toko Budi", await page.InnerTextAsync("[data-testid=workspace-name]"));
        await Assertions.Expect(page.Locator("[data-testid=inbox-list]")).ToContainTextAsync("Pesanan belum sampai");
        await BrowserApp.ScreenshotAsync(page, "inbox");

        await page.ClickAsync("[aria-label=Account]");
        await BrowserApp.ScreenshotAsync(page, "account-menu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // The address is what signing out promises; the page's load event came after 15 s once on a loaded CI machine.
        await page.WaitForURLAsync("**/account/login**", new() { WaitUntil = WaitUntilState.Commit });
        // Signed out for real: the inbox sends this browser back to sign in.
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/login**");
    }

    [BrowserFact]
    public async Task A_wrong_password_stays_on_sign_in_with_a_clear_message()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "wrong-password");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("do not match");
    }
}
