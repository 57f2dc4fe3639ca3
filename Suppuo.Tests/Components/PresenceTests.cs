using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Suppuo.Core.Common;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;
using Suppuo.Web.Components.Tickets;
using Suppuo.Web.Live;

namespace Suppuo.Tests.Components;

/// <summary>
/// W23 presence between two agents, each on a circuit of their own over the one app: the owner (A, this test's
/// circuit) and Budi (B, a second circuit).
/// </summary>
public sealed class PresenceTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>, IAsyncDisposable
{
    private readonly BunitContext _budi = NewCircuit();

    private static BunitContext NewCircuit()
    {
        var circuit = new BunitContext();
        circuit.JSInterop.Mode = JSRuntimeMode.Loose;
        circuit.Services.AddMudServices();
        circuit.Services.AddLocalization();
        return circuit;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await _budi.DisposeAsync();

    private async Task<(TestWorkspace Workspace, int TicketId)> TicketWithBudiAsync()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var budi = await App.SendAsync(new AddAgent(workspace.Id, "Budi", $"budi-{Guid.NewGuid():N}@example.test", "Passw0rd!") { By = Actor.User(workspace.OwnerUserId) });
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Paket belum sampai", channel = "web", requesterEmail = "a@example.com" });
        SignInAs(Connect(_budi, App), workspace.Id, budi.Id, budi.Email, "Budi");
        return (workspace, ticket.Int("id"));
    }

    private IRenderedComponent<TicketView> Open(BunitContext circuit, int ticketId)
    {
        var page = circuit.Render<TicketView>(p => p.Add(x => x.Id, ticketId));
        page.WaitForElement("[data-testid=thread]");
        return page;
    }

    private static string PresenceShown(IRenderedComponent<TicketView> page) =>
        page.FindAll("[data-testid=ticket-presence]") is [var shown] ? shown.TextContent : "";

    [Fact]
    public async Task W23_an_agent_sees_another_viewing_and_typing_and_it_clears_when_their_connection_goes_down()
    {
        var (workspace, ticketId) = await TicketWithBudiAsync();
        SignInAs(workspace);
        var mine = Open(Bunit, ticketId);
        Assert.Equal("", PresenceShown(mine));

        var budis = Open(_budi, ticketId);
        mine.WaitForAssertion(() => Assert.Contains("Budi is viewing", PresenceShown(mine)));
        // Each sees the other, never themselves.
        budis.WaitForAssertion(() => Assert.Equal($"{workspace.OwnerEmail} is viewing", PresenceShown(budis).Trim()));
        Assert.DoesNotContain(workspace.OwnerEmail, PresenceShown(mine));

        var presence = budis.FindComponent<TicketPresence>();
        await presence.InvokeAsync(() => presence.Instance.Typing(note: false));
        mine.WaitForAssertion(() => Assert.Contains("Budi is typing a reply", PresenceShown(mine)));
        await presence.InvokeAsync(() => presence.Instance.Typing(note: true));
        mine.WaitForAssertion(() => Assert.Contains("Budi is writing a note", PresenceShown(mine)));

        // Budi closes the tab: the circuit lingers, its connection is down.
        await _budi.Services.GetRequiredService<PresenceCircuitHandler>().OnConnectionDownAsync(null!, CancellationToken.None);
        mine.WaitForAssertion(() => Assert.Equal("", PresenceShown(mine)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task W23_typing_lapses_back_to_viewing_and_leaving_the_page_clears_it()
    {
        var (workspace, ticketId) = await TicketWithBudiAsync();
        SignInAs(workspace);
        var mine = Open(Bunit, ticketId);
        var budis = Open(_budi, ticketId);
        var presence = budis.FindComponent<TicketPresence>();
        await presence.InvokeAsync(() => presence.Instance.Typing(note: false));
        mine.WaitForAssertion(() => Assert.Contains("Budi is typing a reply", PresenceShown(mine)));

        mine.WaitForAssertion(() => Assert.Contains("Budi is viewing", PresenceShown(mine)), CircuitPresence.TypingLapse + TimeSpan.FromSeconds(2));

        await _budi.DisposeComponentsAsync();
        mine.WaitForAssertion(() => Assert.Equal("", PresenceShown(mine)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task W23_the_inbox_row_shows_who_else_is_on_the_ticket_live()
    {
        var (workspace, ticketId) = await TicketWithBudiAsync();
        SignInAs(workspace);
        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForElement($"[data-ticket-id='{ticketId}']");
        Assert.Empty(inbox.FindAll("[data-testid=row-presence]"));

        var budis = Open(_budi, ticketId);
        inbox.WaitForAssertion(() => Assert.Contains("Budi", inbox.Find($"[data-ticket-id='{ticketId}'] [data-testid=row-presence]").TextContent));
        var presence = budis.FindComponent<TicketPresence>();
        await presence.InvokeAsync(() => presence.Instance.Typing(note: false));
        inbox.WaitForAssertion(() => Assert.Contains("Budi is typing a reply", inbox.Find("[data-testid=row-presence]").GetAttribute("title")));

        await _budi.Services.GetRequiredService<PresenceCircuitHandler>().OnConnectionDownAsync(null!, CancellationToken.None);
        inbox.WaitForAssertion(() => Assert.Empty(inbox.FindAll("[data-testid=row-presence]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task W23_presence_another_node_stopped_announcing_expires()
    {
        var board = App.Services.GetRequiredService<PresenceBoard>();
        var workspace = await App.CreateWorkspaceAsync();
        board.Apply(new PresenceMessage([new PresenceEntry("elsewhere", workspace.Id, 1, "u", "Sari", PresenceActivity.Viewing)], []));
        Assert.Single(board.Others(workspace.Id, 1, exceptUserId: null));

        App.Clock.Advance(PresenceBoard.Expiry + TimeSpan.FromSeconds(1));
        board.Heartbeat();

        Assert.Empty(board.Others(workspace.Id, 1, exceptUserId: null));
    }
}
