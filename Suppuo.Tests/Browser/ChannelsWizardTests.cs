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
        await page.ExpectAtAsync("/dashboard/channels");
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

    [BrowserFact]
    public async Task W1_an_admin_connects_a_cloud_api_number_and_sees_metas_handshake_and_first_message()
    {
        var app = browser.App;
        var workspace = await app.CreateWorkspaceAsync("Toko Meta");
        var phoneNumberId = CloudNumbers.NewPhoneNumberId();
        app.Meta.AddPhoneNumber(phoneNumberId, "meta-token", "meta-secret");
        var page = await browser.NewPageAsync();
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.GotoAsync("/dashboard/channels");
        await page.WaitUntilInteractiveAsync();

        await page.GetByTestId("choose-cloud").ClickAsync();
        await page.FillAsync("#cloud-phone-number-id", phoneNumberId);
        await page.FillAsync("#cloud-access-token", "meta-token");
        await page.FillAsync("#cloud-app-secret", "meta-secret");
        await page.GetByTestId("cloud-connect").ClickAsync();

        var verifyToken = page.Locator("input[id^=verify-token-]");
        await Assertions.Expect(verifyToken).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
        await Assertions.Expect(page.Locator("input[id^=webhook-url-]")).ToHaveValueAsync(SuppuoApp.PublicBaseUrl + "/webhooks/meta/whatsapp");
        await Assertions.Expect(page.GetByTestId("meta-verified")).ToContainTextAsync("Waiting for Meta");

        var token = await verifyToken.InputValueAsync();
        var handshake = await app.CreateClient().GetAsync($"/webhooks/meta/whatsapp?hub.mode=subscribe&hub.challenge=77&hub.verify_token={token}");
        Assert.Equal("77", await handshake.Content.ReadAsStringAsync());
        await Assertions.Expect(page.GetByTestId("meta-verified")).ToContainTextAsync("Meta verified the callback URL");

        var number = new CloudNumber(workspace, phoneNumberId, "meta-token", "meta-secret", token, 0);
        Assert.True((await app.PostMetaAsync(number.Notification(CloudNumbers.Text("6281234500002", "Halo lewat Meta")), "meta-secret")).IsSuccessStatusCode);
        await Assertions.Expect(page.GetByTestId("first-webhook")).ToContainTextAsync("Webhook working");
        await BrowserApp.ScreenshotAsync(page, "channels-cloud-connected");
    }
}
