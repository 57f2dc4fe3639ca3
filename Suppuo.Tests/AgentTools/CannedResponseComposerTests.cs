using System.Net.Http.Headers;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.AgentTools;

/// <summary>W23: `/` in the ticket's composer offers the canned responses; picking one fills its placeholders and attaches its files.</summary>
public class CannedResponseComposerTests(SuppuoApp app) : Components.LivePageTest(app), IClassFixture<SuppuoApp>
{
    private static readonly byte[] Pdf = "%PDF-1.4 daftar harga"u8.ToArray();

    private async Task<(TwilioNumber Number, int TicketId)> ConversationWithBudiAsync()
    {
        var number = await App.ConnectTwilioAsync(await App.CreateWorkspaceAsync());
        var ticket = await number.Workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Harga grosir", body = "Minta daftar harga", channel = "whatsapp", requesterName = "Budi", requesterPhone = Customer });
        return (number, ticket.Int("id"));
    }

    private static async Task AddCannedAsync(TestWorkspace workspace, string shortcut, string text, bool withFile = false)
    {
        var form = new MultipartFormDataContent { { new StringContent(shortcut), "shortcut" }, { new StringContent(text), "text" } };
        if (withFile)
        {
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "files", "harga.pdf");
        }
        var response = await workspace.Api.PostAsync("/api/v1/canned-responses", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private IRenderedComponent<TicketView> Open(TestWorkspace workspace, int ticketId)
    {
        SignInAs(workspace);
        var page = Bunit.Render<TicketView>(p => p.Add(x => x.Id, ticketId));
        page.WaitForElement("[data-testid=composer]");
        return page;
    }

    [Fact]
    public async Task W23_slash_lists_canned_responses_filtered_as_you_type_and_enter_inserts_one_with_placeholders_filled()
    {
        var (number, ticketId) = await ConversationWithBudiAsync();
        var workspace = number.Workspace;
        await AddCannedAsync(workspace, "halo", "Halo {{requester.name}}, tiket #{{ticket.id}} kami terima. Salam, {{agent.name}}. Status: {{status_url}}");
        await AddCannedAsync(workspace, "harga", "Daftar harga terlampir.");
        await AddCannedAsync(workspace, "terima-kasih", "Terima kasih!");
        var agentName = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == workspace.OwnerUserId).DisplayName));
        var statusUrl = (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}")).Str("statusUrl");
        var page = Open(workspace, ticketId);

        page.Find("#composer-text").Input("/");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=canned-option]").Count));
        page.Find("#composer-text").Input("/ha");
        page.WaitForAssertion(() => Assert.Equal(["/halo", "/harga"], page.FindAll("[data-testid=canned-option] b").Select(b => b.TextContent)));

        await page.Find("#composer-text").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowDown" });
        await page.Find("#composer-text").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowUp" });
        await page.Find("#composer-text").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Equal(
            $"Halo Budi, tiket #{ticketId} kami terima. Salam, {agentName}. Status: {statusUrl}",
            page.Find("#composer-text").GetAttribute("value")));
        Assert.Empty(page.FindAll("[data-testid=canned-list]"));
    }

    [Fact]
    public async Task W23_a_canned_responses_files_attach_and_go_out_over_whatsapp_like_the_agents_own()
    {
        var (number, ticketId) = await ConversationWithBudiAsync();
        await AddCannedAsync(number.Workspace, "harga", "Daftar harga terlampir.", withFile: true);
        var page = Open(number.Workspace, ticketId);

        page.Find("#composer-text").Input("Baik. /harg");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=canned-option]")));
        await page.Find("#composer-text").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.Equal("harga.pdf", page.Find("[data-testid=canned-file]").TextContent.Trim()));
        Assert.Equal("Baik. Daftar harga terlampir.", page.Find("#composer-text").GetAttribute("value"));

        await page.Find("[data-testid=send]").ClickAsync(new());

        var media = await Eventually.WaitForAsync(
            () => Task.FromResult(App.Twilio.SentMedia.Where(s => s.Message.AccountSid == number.AccountSid).ToList()),
            media => media.Count == 1, "the canned response's file sent over WhatsApp");
        var (sent, mediaUrl) = media[0];
        Assert.Equal("whatsapp:" + Customer, sent.To);
        var fetched = await FakeTwilio.FetchMediaAsync(mediaUrl, App.CreateClient());
        Assert.Equal(Pdf, fetched.Bytes);
        Assert.Contains(App.Twilio.Messages, m => m.AccountSid == number.AccountSid && m.Body == "Baik. Daftar harga terlampir.");
    }
}
