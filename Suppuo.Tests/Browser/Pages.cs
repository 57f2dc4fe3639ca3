using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Suppuo.Tests.Browser;

/// <summary>Page objects: what a person does on each screen, so tests read as the steps.</summary>
public static class Pages
{
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>Waits until the circuit has rendered (MainLayout sets the marker in OnAfterRender), so clicks reach live handlers.</summary>
    public static Task WaitUntilInteractiveAsync(this IPage page) =>
        page.WaitForSelectorAsync("#interactive-marker[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Waits until the address ends in <paramref name="path"/>. For the app's own links and NavigateTo, which move within
    /// the page (history.pushState): WaitForURLAsync, when called before that step, missed it and timed out after 15 s
    /// one run in three (the keyboard test in InboxTests, 2026-11-26). This assertion reads the address until it matches.
    /// </summary>
    public static Task ExpectAtAsync(this IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));

    /// <summary>Creates a key on the API keys page and reads it from the one place it is ever shown.</summary>
    public static async Task<string> CreateApiKeyAsync(this IPage page, string name)
    {
        await page.FillAsync("#api-key-name", name);
        await page.GetByTestId("create-api-key").ClickAsync();
        await page.GetByTestId("new-api-key").WaitForAsync();
        return await page.InputValueAsync("#new-api-key-value");
    }

    /// <summary>Adds a teammate on the Agents page, with the role the form starts with (Agent).</summary>
    public static async Task AddAgentAsync(this IPage page, string name, string email, string password)
    {
        await page.FillAsync("#agent-name", name);
        await page.FillAsync("#agent-email", email);
        await page.FillAsync("#agent-password", password);
        await page.GetByTestId("add-agent").ClickAsync();
    }
}
