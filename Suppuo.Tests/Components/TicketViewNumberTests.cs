using System.Net.Http.Json;
using Bunit;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W19 in the ticket view: which number the ticket is on, a notice when it was disconnected, and moving it.</summary>
public class TicketViewNumberTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task W19_the_ticket_view_says_its_number_warns_once_it_is_disconnected_and_moves_it_from_the_side_panel()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var staying = await App.ConnectTwilioAsync(workspace);
        var leaving = await App.ConnectTwilioAsync(workspace);
        await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{leaving.ConnectionId}", new { label = "Cabang Bandung" });
        await App.SendWhatsAppAsync(leaving, Replies.Customer, "Halo");
        var ticketId = Assert.Single(await workspace.TicketsOfAsync())!.Int("id");
        await workspace.Api.DeleteAsync($"/api/v1/channels/{leaving.ConnectionId}");

        SignInAs(workspace);
        var page = Bunit.Render<TicketView>(p => p.Add(x => x.Id, ticketId));
        page.WaitForElement("[data-testid=thread]");
        Assert.Equal($"via Cabang Bandung ({leaving.Number})", page.Find("[data-testid=ticket-number]").TextContent.Trim());
        Assert.Contains("was disconnected", page.Find("[data-testid=number-disconnected]").TextContent);

        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSelect<int>>().Instance.ValueChanged.InvokeAsync(staying.ConnectionId));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=number-disconnected]")));
        Assert.Equal($"via {staying.Number}", page.Find("[data-testid=ticket-number]").TextContent.Trim());
        Assert.Equal(staying.ConnectionId, (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["connectionId"]!.GetValue<int>());
    }
}
