using System.Globalization;
using System.Net.Http.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W19 in the inbox: with several numbers it filters by number and names each row's number; with one, neither.</summary>
public class InboxNumberTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task W19_the_inbox_filters_by_number_and_names_each_rows_number_when_there_are_several()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var jakarta = await App.ConnectTwilioAsync(workspace);
        var bandung = await App.ConnectTwilioAsync(workspace);
        await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{jakarta.ConnectionId}", new { label = "Cabang Jakarta" });
        await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{bandung.ConnectionId}", new { label = "Cabang Bandung" });
        await App.SendWhatsAppAsync(jakarta, "+6281100000001", "Pesanan di Jakarta");
        await App.SendWhatsAppAsync(bandung, "+6281100000002", "Pesanan di Bandung");
        await App.SendWhatsAppAsync(bandung, "+6281100000003", "Retur di Bandung");

        SignInAs(workspace);
        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal(3, inbox.FindAll("[data-testid=inbox-row]").Count));
        Assert.Equal(["Cabang Bandung", "Cabang Bandung", "Cabang Jakarta"],
            inbox.FindAll("[data-testid=row-number]").Select(e => e.TextContent.Trim()).Order());

        inbox.Find("[data-testid=number-filter]").Change(bandung.ConnectionId.ToString(CultureInfo.InvariantCulture));
        inbox.WaitForAssertion(() => Assert.Equal(2, inbox.FindAll("[data-testid=inbox-row]").Count));
        Assert.DoesNotContain("Pesanan di Jakarta", inbox.Markup);
        Assert.Equal("2", inbox.Find("[data-testid=count-open]").TextContent); // counted on the number's index, under its limit
        Assert.Equal("2", inbox.Find("[data-testid=count-all]").TextContent);

        inbox.Find("[data-testid=number-filter]").Change("");
        inbox.WaitForAssertion(() => Assert.Equal(3, inbox.FindAll("[data-testid=inbox-row]").Count));
    }

    [Fact]
    public async Task W19_a_number_with_more_tickets_than_are_counted_shows_1000_plus_and_no_status_numbers()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var quiet = await App.ConnectTwilioAsync(workspace);
        var busy = await App.ConnectTwilioAsync(workspace);
        await App.SendWhatsAppAsync(quiet, "+6281100000005", "Satu-satunya");
        await App.InsertTicketsAsync(workspace.Id, SearchInbox.CountLimit + 1, "Ramai", DateTime.UtcNow);
        await App.WithDbAsync(async db =>
        {
            var busyNumber = await db.WhatsAppConnections.Where(c => c.Id == busy.ConnectionId).Select(c => c.BusinessNumberId).SingleAsync();
            return await db.Tickets.Where(t => t.WorkspaceId == workspace.Id && t.Channel == TicketChannel.Web)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Channel, TicketChannel.WhatsApp).SetProperty(t => t.BusinessNumberId, busyNumber));
        });

        SignInAs(workspace);
        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal("1002", inbox.Find("[data-testid=count-all]").TextContent));

        inbox.Find("[data-testid=number-filter]").Change(busy.ConnectionId.ToString(CultureInfo.InvariantCulture));
        inbox.WaitForAssertion(() => Assert.Equal("1,000+", inbox.Find("[data-testid=count-all]").TextContent));
        Assert.Equal("", inbox.Find("[data-testid=count-open]").TextContent);
        Assert.Equal(SearchInbox.PageSize, inbox.FindAll("[data-testid=inbox-row]").Count);

        inbox.Find("[data-testid=number-filter]").Change(quiet.ConnectionId.ToString(CultureInfo.InvariantCulture));
        inbox.WaitForAssertion(() => Assert.Equal("1", inbox.Find("[data-testid=count-open]").TextContent));
        Assert.Contains("Satu-satunya", inbox.Find("[data-testid=inbox-row]").TextContent);
    }

    [Fact]
    public async Task W19_a_single_number_workspace_s_inbox_has_no_number_filter_nor_labels()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var only = await App.ConnectTwilioAsync(workspace);
        await App.SendWhatsAppAsync(only, "+6281100000004", "Halo");

        SignInAs(workspace);
        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Single(inbox.FindAll("[data-testid=inbox-row]")));
        Assert.Empty(inbox.FindAll("[data-testid=number-filter]"));
        Assert.Empty(inbox.FindAll("[data-testid=row-number]"));
    }
}
