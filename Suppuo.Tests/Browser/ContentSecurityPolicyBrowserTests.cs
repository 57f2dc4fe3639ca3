using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>W26: the pages' Content-Security-Policy, proven in Chromium: the app works under it and nothing is refused.</summary>
public class ContentSecurityPolicyBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task W26_inbox_ticket_channels_and_status_page_run_under_the_content_security_policy_without_a_violation()
    {
        var workspace = await browser.App.CreateWorkspaceAsync("Toko Budi");
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Pesanan belum sampai", body = "Sudah 5 hari", channel = "web", requesterName = "Budi", requesterEmail = "budi@example.com" });
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
                violations.Add($"{page.Url}: {message.Text}");
        };
        // Also the browser's own report of each violation, which a page's console may not show for every kind.
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));");

        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();
        // The layout's browser-only controls work without inline handlers, which the policy refuses.
        await page.ClickAsync(".theme-switch");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", new System.Text.RegularExpressions.Regex("^(light|dark)$"));
        await page.ClickAsync("[aria-label=Menu]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-drawer", new System.Text.RegularExpressions.Regex("^(open|closed)$"));
        await page.ClickAsync($"[data-ticket-id='{ticket.Int("id")}']");
        await page.ExpectAtAsync($"/tickets/{ticket.Int("id")}");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("thread")).ToContainTextAsync("Sudah 5 hari");
        await page.GotoAsync("/dashboard/channels");
        await page.WaitUntilInteractiveAsync();
        await page.GotoAsync(new Uri(ticket.Str("statusUrl")).AbsolutePath);
        await Assertions.Expect(page.GetByTestId("status-subject")).ToHaveTextAsync("Pesanan belum sampai");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations));
    }
}
