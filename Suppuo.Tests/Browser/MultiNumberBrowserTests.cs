using System.Net.Http.Json;
using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>W19 end to end in Chromium: a second number connected in the wizard, the inbox filtered by it, a ticket moved off it.</summary>
public class MultiNumberBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task W19_an_admin_connects_a_second_number_filters_the_inbox_by_it_and_moves_a_ticket_to_the_first()
    {
        var app = browser.App;
        var workspace = await app.CreateWorkspaceAsync("Toko Dua Nomor");
        var first = await app.ConnectTwilioAsync(workspace);
        await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{first.ConnectionId}", new { label = "Cabang Jakarta" });
        var sid = TwilioNumbers.NewAccountSid();
        var number = TwilioNumbers.NewNumber();
        app.Twilio.AddAccount(sid, "second-token", whatsAppSenders: [number]);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.GotoAsync("/dashboard/channels");
        await page.WaitUntilInteractiveAsync();

        await Assertions.Expect(page.GetByTestId("connect-heading")).ToContainTextAsync("Connect another number");
        await page.GetByTestId("choose-twilio").ClickAsync();
        await page.FillAsync("#twilio-account-sid", sid);
        await page.FillAsync("#twilio-auth-token", "second-token");
        await page.FillAsync("#twilio-phone-number", number);
        await page.GetByTestId("twilio-connect").ClickAsync();
        await Assertions.Expect(page.GetByTestId("channel-card")).ToHaveCountAsync(2);

        var secondId = (await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray().Single(c => c.Str("phoneNumber") == number)!.Int("id");
        var second = new TwilioNumber(workspace, sid, "second-token", number, secondId);
        await app.SendWhatsAppAsync(first, "+6281234500011", "Pesanan Jakarta");
        await app.SendWhatsAppAsync(second, "+6281234500012", "Pesanan nomor kedua");

        await page.ClickAsync("nav >> text=Inbox");
        var rows = page.GetByTestId("inbox-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "Pesanan Jakarta" }).GetByTestId("row-number")).ToHaveTextAsync("Cabang Jakarta");

        await page.GetByTestId("number-filter").SelectOptionAsync(new SelectOptionValue { Label = number });
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Pesanan nomor kedua");
        await BrowserApp.ScreenshotAsync(page, "inbox-by-number");

        await rows.ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-number")).ToContainTextAsync(number);
        await page.WaitUntilInteractiveAsync();
        await page.GetByTestId("number-select").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Cabang Jakarta").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ticket-number")).ToContainTextAsync("Cabang Jakarta");

        var moved = Assert.Single(await workspace.TicketsOfAsync("+6281234500012"))!;
        Assert.Equal(first.ConnectionId, moved["connectionId"]!.GetValue<int>());
    }
}
