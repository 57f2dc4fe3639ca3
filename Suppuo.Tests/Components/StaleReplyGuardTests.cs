using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W23's stale-reply guard on the ticket page over the real app: a WhatsApp customer writes while the agent types.</summary>
public sealed class StaleReplyGuardTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    private const string Customer = "+6281298765432";

    private async Task<(TestWorkspace Workspace, TwilioNumber Number, int TicketId, IRenderedComponent<TicketView> Page)> OpenWhatsAppTicketAsync()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var number = await App.ConnectTwilioAsync(workspace);
        await App.SendWhatsAppAsync(number, Customer, "Paket saya belum sampai");
        var ticketId = (await workspace.TicketsOfAsync(Customer)).Single().Int("id");
        SignInAs(workspace);
        var page = Bunit.Render<TicketView>(p => p.Add(x => x.Id, ticketId));
        page.WaitForElement("[data-testid=thread]");
        return (workspace, number, ticketId, page);
    }

    private Task<List<string>> AgentRepliesAsync(int ticketId) =>
        App.WithDbAsync(db => db.Messages.Where(m => m.TicketId == ticketId && m.Author == MessageAuthor.Agent).Select(m => m.Body).ToListAsync());

    [Fact]
    public async Task W23_a_reply_after_a_new_customer_message_shows_it_and_asks_then_ctrl_enter_again_sends()
    {
        var (_, number, ticketId, page) = await OpenWhatsAppTicketAsync();
        page.Find("#composer-text").Input("Baik, kami cek dulu ya.");

        await App.SendWhatsAppAsync(number, Customer, "Eh, sudah sampai barusan");
        await page.Find("#composer-text").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        page.WaitForAssertion(() => Assert.Contains("Eh, sudah sampai barusan", page.Find("[data-testid=stale-reply]").TextContent));
        Assert.Contains("Send again", page.Find("[data-testid=composer]").TextContent);
        Assert.Empty(await AgentRepliesAsync(ticketId));

        await page.Find("#composer-text").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=stale-reply]")));
        Assert.Equal(["Baik, kami cek dulu ya."], await AgentRepliesAsync(ticketId));
    }

    [Fact]
    public async Task W23_another_agents_public_reply_meanwhile_is_shown_first_but_notes_and_my_own_replies_are_not()
    {
        var (workspace, _, ticketId, page) = await OpenWhatsAppTicketAsync();
        var sari = await App.SendAsync(new AddAgent(workspace.Id, "Sari", $"sari-{Guid.NewGuid():N}@example.test", "Passw0rd!") { By = Actor.User(workspace.OwnerUserId) });
        await App.SendAsync(new PostMessage(workspace.Id, ticketId, "Catatan: pelanggan VIP", true, sari.Id, []));

        // A colleague's note is nothing the customer read: my reply goes at once, and the next one too.
        page.Find("#composer-text").Input("Balasan pertama");
        page.Find("[data-testid=send]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=message][data-author=agent][data-internal=false]")));
        page.Find("#composer-text").Input("Balasan kedua");
        page.Find("[data-testid=send]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=message][data-author=agent][data-internal=false]").Count));
        Assert.Empty(page.FindAll("[data-testid=stale-reply]"));

        await App.SendAsync(new PostMessage(workspace.Id, ticketId, "Sudah saya jawab, Kak", false, sari.Id, []));
        page.Find("#composer-text").Input("Balasan ketiga");
        page.Find("[data-testid=send]").Click();

        page.WaitForAssertion(() => Assert.Contains("Sudah saya jawab, Kak", page.Find("[data-testid=stale-reply]").TextContent));
        Assert.DoesNotContain("Balasan ketiga", await AgentRepliesAsync(ticketId));
    }
}
