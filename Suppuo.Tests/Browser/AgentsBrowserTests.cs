using Microsoft.Playwright;

namespace Suppuo.Tests.Browser;

/// <summary>The Agents page end to end in Chromium (issue 6): the agent an admin adds can sign in, as an agent.</summary>
public class AgentsBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task An_added_agent_signs_in_and_does_not_get_the_admin_pages()
    {
        var workspace = await browser.App.CreateWorkspaceAsync("Toko Tim");
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await admin.WaitUntilInteractiveAsync();

        await admin.ClickAsync("nav >> text=Agents");
        await admin.ExpectAtAsync("/agents");
        var email = $"rudi-{Guid.NewGuid():N}@example.test";
        await admin.AddAgentAsync("Rudi Agent", email, "Rudi1234");
        var row = admin.Locator($"[data-testid=agent-row][data-email='{email}']");
        await Assertions.Expect(row).ToContainTextAsync("Agent");
        await BrowserApp.ScreenshotAsync(admin, "agents");

        var agent = await browser.NewPageAsync();
        await agent.SignInAsync(email, "Rudi1234");
        await agent.WaitUntilInteractiveAsync();
        await Assertions.Expect(agent.GetByTestId("workspace-name")).ToHaveTextAsync("Toko Tim");
        await Assertions.Expect(agent.Locator("nav")).Not.ToContainTextAsync("Agents");
        await agent.GotoAsync("/agents");
        // The cookie's access-denied path sends an agent who types the address back to the inbox.
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("agents-table")).ToHaveCountAsync(0);
    }
}
