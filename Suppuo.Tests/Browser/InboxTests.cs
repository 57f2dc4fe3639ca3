using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>The agent's day in Chromium: inbox, ticket view, replies, and updates arriving live over the circuit.</summary>
public class InboxTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private async Task<IPage> SignedInAsync(TestWorkspace workspace, string path = "/", int width = 1280, int height = 800)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(workspace.OwnerEmail, "Passw0rd!");
        await page.WaitUntilInteractiveAsync();
        if (path != "/")
        {
            await page.GotoAsync(path);
            await page.WaitUntilInteractiveAsync();
        }
        return page;
    }

    [BrowserFact]
    public async Task T3_an_agent_opens_a_ticket_replies_and_the_ticket_becomes_pending()
    {
        var workspace = await browser.App.CreateWorkspaceAsync("Toko Budi");
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Pesanan belum sampai", body = "Sudah 5 hari, nomor INV-2041", channel = "email", requesterName = "Budi", requesterEmail = "budi@example.com" })).Int("id");
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Cek dulu ke kurir", @internal = true });
        var page = await SignedInAsync(workspace);
        await BrowserApp.ScreenshotAsync(page, "inbox-open-tab");

        await page.ClickAsync($"[data-ticket-id='{id}']");
        await page.ExpectAtAsync($"/tickets/{id}");
        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("thread")).ToContainTextAsync("Sudah 5 hari");
        await Assertions.Expect(page.GetByTestId("internal-label")).ToHaveTextAsync("Internal — not sent");

        await page.FillAsync("#composer-text", "Baik Pak Budi, paketnya sampai besok.");
        await page.GetByTestId("send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("thread")).ToContainTextAsync("paketnya sampai besok");
        await Assertions.Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("pending");

        await page.GetByTestId("assign-to-me").ClickAsync();
        await Assertions.Expect(page.GetByTestId("assignee-select")).ToContainTextAsync("(you)");
        await BrowserApp.ScreenshotAsync(page, "ticket-view");
        var saved = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        Assert.Equal("pending", saved.Str("status"));
        Assert.Equal(workspace.OwnerUserId, saved.Str("assigneeId"));
    }

    [BrowserFact]
    public async Task A_webhook_message_appears_live_in_its_workspaces_inbox_and_never_in_another()
    {
        var app = browser.App;
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(mine);
        var myInbox = await SignedInAsync(mine);
        var theirInbox = await SignedInAsync(theirs);

        await app.SendWhatsAppAsync(number, "+6281299990001", "Halo, barang sudah dikirim?");

        await Assertions.Expect(myInbox.GetByTestId("inbox-list")).ToContainTextAsync("Halo, barang sudah dikirim?");
        await Assertions.Expect(myInbox.GetByTestId("tab-open")).ToContainTextAsync("1");
        await Assertions.Expect(theirInbox.GetByTestId("inbox-list")).Not.ToContainTextAsync("barang sudah dikirim");
    }

    [BrowserFact]
    public async Task A_message_posted_through_the_api_appears_live_in_the_open_ticket_view()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Live", body = "First", channel = "web", requesterEmail = "a@example.com" })).Int("id");
        var page = await SignedInAsync(workspace, $"/tickets/{id}");

        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Posted by a script", @internal = true });

        await Assertions.Expect(page.GetByTestId("thread")).ToContainTextAsync("Posted by a script");
    }

    [BrowserFact]
    public async Task Another_workspaces_ticket_shows_the_not_found_page()
    {
        var mine = await browser.App.CreateWorkspaceAsync();
        var theirs = await browser.App.CreateWorkspaceAsync();
        var id = (await theirs.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Their secret", channel = "web", requesterEmail = "a@example.com" })).Int("id");
        var page = await SignedInAsync(mine, $"/tickets/{id}");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Not found");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Their secret");
    }

    [BrowserFact]
    public async Task The_keyboard_moves_through_the_inbox_and_opens_a_ticket()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        var older = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Older", channel = "web", requesterEmail = "a@example.com" })).Int("id");
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Newer", channel = "web", requesterEmail = "b@example.com" });
        var page = await SignedInAsync(workspace);
        await Assertions.Expect(page.GetByTestId("inbox-row")).ToHaveCountAsync(2);

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator($"[data-ticket-id='{older}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await page.Keyboard.PressAsync("Enter");
        await page.ExpectAtAsync($"/tickets/{older}");
    }

    [BrowserFact]
    public async Task The_channel_and_assignee_filters_and_the_search_narrow_the_inbox()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Lewat email", channel = "email", requesterEmail = "a@example.com" });
        var whatsApp = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Lewat WhatsApp", channel = "whatsapp", requesterPhone = "+6281200000011" })).Int("id");
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Paket rusak", channel = "web", requesterEmail = "c@example.com" });
        var page = await SignedInAsync(workspace);
        var rows = page.GetByTestId("inbox-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await page.GetByLabel("Channel").SelectOptionAsync("WhatsApp");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Lewat WhatsApp");
        await page.GetByLabel("Channel").SelectOptionAsync("All channels");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await page.GetByLabel("Assignee").SelectOptionAsync("Me");
        await Assertions.Expect(page.GetByTestId("inbox-list")).ToContainTextAsync("No tickets match these filters.");
        await page.GetByLabel("Assignee").SelectOptionAsync("Anyone");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await page.FillAsync("#inbox-search", "rusak");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Paket rusak");
        await page.FillAsync("#inbox-search", "");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator($"[data-ticket-id='{whatsApp}']")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task The_inbox_works_on_a_phone_sized_screen()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Dari HP", channel = "whatsapp", requesterPhone = "+6281200000009" });
        var page = await SignedInAsync(workspace, width: 390, height: 844);
        await Assertions.Expect(page.GetByTestId("inbox-list")).ToContainTextAsync("Dari HP");
        await BrowserApp.ScreenshotAsync(page, "inbox-phone");
    }

    [BrowserFact]
    public async Task The_inbox_has_the_apps_theme_and_the_switch_turns_it_dark()
    {
        var workspace = await browser.App.CreateWorkspaceAsync();
        var page = await SignedInAsync(workspace);
        var appBar = page.Locator("header.mud-appbar");
        var primary = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-primary')");
        Assert.False(string.IsNullOrWhiteSpace(primary), "MudBlazor's palette variables are missing");
        await Assertions.Expect(appBar).ToHaveCSSAsync("background-color", "rgb(7, 94, 84)"); // the light palette's #075E54

        await page.GetByLabel("Switch light or dark theme").ClickAsync();

        await Assertions.Expect(appBar).ToHaveCSSAsync("background-color", "rgb(31, 44, 52)"); // the dark palette's #1f2c34
    }

    [BrowserFact]
    public async Task The_drawer_sits_beside_the_inbox_on_a_wide_screen_and_the_menu_button_hides_it()
    {
        var page = await SignedInAsync(await browser.App.CreateWorkspaceAsync());
        var channels = page.Locator("aside").GetByText("Channels");
        await Assertions.Expect(channels).ToBeInViewportAsync();

        await page.GetByLabel("Menu").ClickAsync();

        await Assertions.Expect(channels).Not.ToBeInViewportAsync();
    }

    [BrowserFact]
    public async Task On_a_phone_the_drawer_opens_over_the_inbox_and_closes_once_a_link_is_followed()
    {
        var page = await SignedInAsync(await browser.App.CreateWorkspaceAsync(), width: 390, height: 844);
        var channels = page.Locator("aside").GetByText("Channels");
        await Assertions.Expect(channels).Not.ToBeInViewportAsync();

        await page.GetByLabel("Menu").ClickAsync();
        await Assertions.Expect(channels).ToBeInViewportAsync();
        await BrowserApp.ScreenshotAsync(page, "drawer-phone");
        await channels.ClickAsync();

        await page.ExpectAtAsync("/dashboard/channels");
        await Assertions.Expect(channels).Not.ToBeInViewportAsync();
    }

    [BrowserFact]
    public async Task W11_a_failed_whatsapp_reply_shows_the_reason_live_and_the_agent_retries_it()
    {
        var app = browser.App;
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, "+6281299990002", "Halo");
        var id = (await workspace.TicketsOfAsync())[0]!.Int("id");
        var page = await SignedInAsync(workspace, $"/tickets/{id}");

        app.Twilio.FailNext("messages", 400, 21211, "The 'To' number is not a valid phone number.");
        await page.FillAsync("#composer-text", "Balasan pertama");
        await page.GetByTestId("send").ClickAsync();

        var delivery = page.GetByTestId("delivery");
        await Assertions.Expect(delivery).ToHaveAttributeAsync("data-status", "failed");
        await Assertions.Expect(delivery).ToContainTextAsync("21211");
        await page.GetByTestId("retry").ClickAsync();
        await Assertions.Expect(delivery).ToHaveAttributeAsync("data-status", "sent");
    }
}
