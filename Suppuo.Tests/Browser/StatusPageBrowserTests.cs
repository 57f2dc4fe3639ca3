using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>The customer's status page in Chromium with JavaScript switched off, on a phone-sized screen.</summary>
public class StatusPageBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task Customer_reads_the_thread_and_replies_without_JavaScript()
    {
        var workspace = await browser.App.CreateWorkspaceAsync("Toko Budi");
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Wrong size shoes", body = "I got size 40, ordered 42", channel = "web" });
        var id = ticket.Int("id");
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Sorry! Which colour would you like?", @internal = false });
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "internal: VIP customer", @internal = true });
        var page = await browser.NewPageAsync(390, 844, javaScriptEnabled: false);

        await page.GotoAsync(new Uri(ticket.Str("statusUrl")).AbsolutePath);
        var thread = page.GetByTestId("status-message");
        await Assertions.Expect(page.GetByTestId("status-subject")).ToHaveTextAsync("Wrong size shoes");
        await Assertions.Expect(thread).ToHaveCountAsync(2);
        await Assertions.Expect(thread.Nth(1)).ToContainTextAsync("Which colour would you like?");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("VIP customer");

        await page.FillAsync("#reply-body", "Black, please");
        await page.ClickAsync("[data-testid=send-reply]");

        await Assertions.Expect(page.GetByTestId("reply-sent")).ToBeVisibleAsync();
        await Assertions.Expect(thread).ToHaveCountAsync(3);
        await Assertions.Expect(thread.Nth(2)).ToContainTextAsync("Black, please");
        await Assertions.Expect(page.GetByTestId("status-value")).ToContainTextAsync("Open");
        await BrowserApp.ScreenshotAsync(page, "status-page-no-js");
        Assert.Equal("open", (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}")).Str("status"));
    }
}
