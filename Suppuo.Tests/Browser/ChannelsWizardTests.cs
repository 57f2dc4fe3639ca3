using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>W1 end to end in Chromium: an admin connects a Twilio number against the fake and sees its first webhook arrive.</summary>
public class ChannelsWizardTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task W1_an_admin_connects_a_twilio_number_and_sees_the_first_webhook_arrive()
    {
        var app = browser.App;
        var workspace = await app.CreateWorkspaceAsync("Toko Wizard");
        var sid = TwilioNumbers.NewAccountSid();
        var number = TwilioNumbers.NewNumber();
        app.Twilio.AddAccount(sid, "wizard-token", whatsAppSenders: [number]);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();

        await page.ClickAsync("nav >> text=Channels");
        await page.WaitForURLAsync("**/dashboard/channels");
        await Assertions.Expect(page.GetByTestId("option-platform")).ToContainTextAsync("Pending");
        await page.GetByTestId("choose-twilio").ClickAsync();
        await page.FillAsync("#twilio-account-sid", sid);
        await page.FillAsync("#twilio-auth-token", "wizard-token");
        await page.FillAsync("#twilio-phone-number", number);
        await page.GetByTestId("twilio-connect").ClickAsync();

        var card = page.GetByTestId("channel-card");
        await Assertions.Expect(card).ToContainTextAsync(number);
        await Assertions.Expect(page.Locator("input[id^=webhook-url-]")).ToHaveValueAsync(SuppuoApp.PublicBaseUrl + "/webhooks/twilio/whatsapp");
        await Assertions.Expect(page.GetByTestId("first-webhook")).ToContainTextAsync("Waiting for the first message");
        await BrowserApp.ScreenshotAsync(page, "channels-connected");

        var connection = (await workspace.Api.GetJsonAsync("/api/v1/channels"))[0]!;
        var connected = new TwilioNumber(workspace, sid, "wizard-token", number, connection.Int("id"));
        await app.SendWhatsAppAsync(connected, "+6281234500001", "Halo dari WhatsApp");

        await Assertions.Expect(page.GetByTestId("first-webhook")).ToContainTextAsync("Webhook working");
        await page.ClickAsync("nav >> text=Inbox");
        await Assertions.Expect(page.GetByTestId("inbox-list")).ToContainTextAsync("Halo dari WhatsApp");
    }

    [BrowserFact]
    public async Task W1_a_wrong_token_is_explained_in_the_wizard_and_nothing_is_connected()
    {
        var app = browser.App;
        var workspace = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "right-token", whatsAppSenders: ["+15550002001"]);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.GotoAsync("/dashboard/channels");
        await page.WaitUntilInteractiveAsync();

        await page.GetByTestId("choose-twilio").ClickAsync();
        await page.FillAsync("#twilio-account-sid", sid);
        await page.FillAsync("#twilio-auth-token", "wrong-token");
        await page.FillAsync("#twilio-phone-number", "+15550002001");
        await page.GetByTestId("twilio-connect").ClickAsync();

        await Assertions.Expect(page.GetByTestId("twilio-form")).ToContainTextAsync("Twilio rejected this Account SID and Auth Token");
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray());
    }
}
