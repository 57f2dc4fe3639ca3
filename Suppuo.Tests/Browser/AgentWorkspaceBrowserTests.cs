using Microsoft.Playwright;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>W23 in Chromium: two agents in two browser contexts, and the browser's own notifications.</summary>
public class AgentWorkspaceBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<IPage> SignedInAsync(string email, string path, Func<IPage, Task>? before = null)
    {
        var page = await browser.NewPageAsync();
        if (before is not null)
            await before(page);
        await page.SignInAsync(email, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();
        await page.GotoAsync(path);
        await page.WaitUntilInteractiveAsync();
        return page;
    }

    [BrowserFact]
    public async Task W23_an_agent_sees_another_viewing_and_typing_and_it_clears_within_5_s_of_their_tab_closing()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        var budiEmail = $"budi-{Guid.NewGuid():N}@example.test";
        await browser.App.SendAsync(new AddAgent(workspace.Id, "Budi", budiEmail, "Passw0rd!") { By = Actor.User(workspace.OwnerUserId) });
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Paket hilang", channel = "web", requesterEmail = "a@example.com" })).Int("id");

        var mine = await SignedInAsync(workspace.OwnerEmail, $"/tickets/{id}");
        var budis = await SignedInAsync(budiEmail, $"/tickets/{id}");
        await Assertions.Expect(mine.GetByTestId("ticket-presence")).ToContainTextAsync("Budi is viewing");

        await budis.Locator("#composer-text").PressSequentiallyAsync("Sebentar ya");
        await Assertions.Expect(mine.GetByTestId("ticket-presence")).ToContainTextAsync("Budi is typing a reply");

        await budis.Context.CloseAsync();
        await Assertions.Expect(mine.GetByTestId("ticket-presence")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
    }

    [BrowserFact]
    public async Task W23_with_notifications_allowed_a_customer_message_creates_one_and_counts_in_the_title()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        var number = await browser.App.ConnectTwilioAsync(workspace);
        var page = await SignedInAsync(workspace.OwnerEmail, "/", async page =>
        {
            await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = browser.BaseUrl });
            // Headless Chromium shows no notification: the page records the ones it creates.
            await page.AddInitScriptAsync("""
                window.createdNotifications = [];
                const Real = window.Notification;
                window.Notification = class extends Real { constructor(title, options) { super(title, options); window.createdNotifications.push(title + " | " + options.body); } };
                """);
        });

        await browser.App.SendWhatsAppAsync(number, "+6281277700011", "Halo, pesanan saya?", profileName: "Rina");

        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "));
        var created = await page.EvaluateAsync<string[]>("window.createdNotifications");
        Assert.Contains(created, n => n.StartsWith("New message from Rina", StringComparison.Ordinal));
        Assert.Single(created);
        await Assertions.Expect(page.GetByTestId("enable-notifications")).ToBeHiddenAsync();
    }
}
