using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>The API keys page end to end in Chromium (issue 6): the key an admin creates is shown once and works.</summary>
public class ApiKeysBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task An_admin_creates_an_api_key_sees_it_once_and_it_works_on_the_api()
    {
        var app = browser.App;
        var workspace = await app.CreateWorkspaceAsync("Toko Kunci");
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Tiket dari integrasi", channel = "whatsapp", requesterPhone = "+6281234567891" });
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();

        await page.ClickAsync("nav >> text=API keys");
        await page.ExpectAtAsync("/api-keys");
        var key = await page.CreateApiKeyAsync("Zapier");
        await BrowserApp.ScreenshotAsync(page, "api-key-created");

        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var tickets = await api.GetAsync("/api/v1/tickets");
        Assert.Equal(HttpStatusCode.OK, tickets.StatusCode);
        Assert.Contains("Tiket dari integrasi", await tickets.Content.ReadAsStringAsync());

        await page.GetByTestId("dismiss-api-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-api-key")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("api-keys-table")).ToContainTextAsync("Zapier");
        await Assertions.Expect(page.GetByTestId("api-keys-table")).ToContainTextAsync(key[..7] + "…");
        Assert.DoesNotContain(key, await page.ContentAsync());
    }
}
