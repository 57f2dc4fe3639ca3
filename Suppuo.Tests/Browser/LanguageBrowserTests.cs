using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>W24 in Chromium: an Indonesian workspace's agent works in Indonesian on every main page, and picks their own language.</summary>
public class LanguageBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<(TestWorkspace Workspace, int TicketId)> IndonesianWorkspaceAsync()
    {
        var workspace = await browser.App.CreateWorkspaceAsync("Toko Sari");
        await browser.App.WithDbAsync(async db =>
        {
            (await db.Workspaces.FindAsync(workspace.Id))!.Language = Languages.Indonesian;
            return await db.SaveChangesAsync();
        });
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Pesanan belum sampai", body = "Sudah 5 hari", channel = "email", requesterName = "Sari", requesterEmail = "sari@example.com" })).Int("id");
        return (workspace, id);
    }

    private static async Task OpenAsync(IPage page, string path, string heading)
    {
        await page.GotoAsync(path);
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
        await Assertions.Expect(page.Locator("h5").First).ToHaveTextAsync(heading);
    }

    [BrowserFact]
    public async Task W24_an_indonesian_agent_works_in_indonesian_on_the_main_pages()
    {
        var (workspace, id) = await IndonesianWorkspaceAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
        await Assertions.Expect(page.Locator("h5").First).ToHaveTextAsync("Kotak masuk");
        await Assertions.Expect(page.GetByTestId("tab-open")).ToContainTextAsync("Terbuka");
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Saluran");
        await Assertions.Expect(page.Locator("[data-testid=inbox-row] .status-chip")).ToHaveTextAsync("terbuka");
        await BrowserApp.ScreenshotAsync(page, "inbox-id");

        await page.ClickAsync($"[data-ticket-id='{id}']");
        await page.ExpectAtAsync($"/tickets/{id}");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("reply-mode")).ToContainTextAsync("Balas pelanggan");
        await Assertions.Expect(page.GetByTestId("side-panel")).ToContainTextAsync("WIB");
        await page.FillAsync("#composer-text", "Baik Kak Sari, kami cek dulu.");
        await page.GetByTestId("send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("menunggu");
        await BrowserApp.ScreenshotAsync(page, "ticket-id");

        await OpenAsync(page, "/dashboard/channels", "Saluran");
        await Assertions.Expect(page.GetByTestId("option-twilio")).ToContainTextAsync("Hubungkan dengan Twilio");
        await OpenAsync(page, "/agents", "Agen");
        await Assertions.Expect(page.GetByTestId("agents-table")).ToContainTextAsync("Peran");
        await OpenAsync(page, "/api-keys", "Kunci API");
        await Assertions.Expect(page.GetByTestId("create-api-key")).ToHaveTextAsync("Buat kunci");
        await OpenAsync(page, "/settings/auto-reply", "Balasan otomatis");
        await Assertions.Expect(page.GetByTestId("save-auto-reply")).ToHaveTextAsync("Simpan");
    }

    [BrowserFact]
    public async Task W24_the_language_menu_switches_the_agent_and_back_to_the_workspace_language()
    {
        var (workspace, _) = await IndonesianWorkspaceAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();
        await page.GotoAsync("/agents");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");

        await page.GetByRole(AriaRole.Button, new() { Name = "Akun" }).ClickAsync();
        await page.GetByTestId("language-en").ClickAsync();

        // The page loads anew where the agent was, and its new circuit speaks English.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/agents$"));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("h5").First).ToHaveTextAsync("Agents");
        Assert.Equal("en", await browser.App.SendAsync(new GetAgentLanguageChoice(workspace.OwnerUserId)));

        await page.GetByRole(AriaRole.Button, new() { Name = "Account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("language-en")).ToHaveAttributeAsync("aria-checked", "true");
        await page.GetByTestId("language-workspace").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("h5").First).ToHaveTextAsync("Agen");
        Assert.Null(await browser.App.SendAsync(new GetAgentLanguageChoice(workspace.OwnerUserId)));
    }
}
