using Bunit;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>
/// The ticket page over the real app with a long thread: it reads the latest messages only, fetches earlier pages on
/// request, and still judges WhatsApp's 24-hour window by the customer's last message wherever that is.
/// </summary>
public class TicketPageTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    private IRenderedComponent<TicketView> RenderTicket(TestWorkspace workspace, int ticketId)
    {
        SignInAs(workspace);
        var page = Bunit.Render<TicketView>(p => p.Add(x => x.Id, ticketId));
        page.WaitForElement("[data-testid=thread]");
        return page;
    }

    /// <summary>
    /// A WhatsApp ticket with messages "Pesan 1" … "Pesan n", three to a minute so pages meet inside a shared timestamp,
    /// ending <paramref name="newest"/>; the authors come from <paramref name="authorOf"/> (by number).
    /// </summary>
    private Task<int> InsertThreadAsync(int workspaceId, int count, DateTime newest, Func<int, MessageAuthor> authorOf) =>
        App.WithDbAsync(async db =>
        {
            var ticket = new Ticket
            {
                WorkspaceId = workspaceId, Subject = "Panjang sekali", Channel = TicketChannel.WhatsApp, Status = TicketStatus.Open,
                RequesterPhone = "+6281234500000", StatusToken = StatusToken.New(), CreatedAt = newest.AddHours(-1), UpdatedAt = newest, LastMessageAt = newest,
            };
            for (var i = 1; i <= count; i++)
                ticket.Messages.Add(new Message { Author = authorOf(i), Body = $"Pesan {i}", CreatedAt = newest.AddMinutes((i - count) / 3) });
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
            return ticket.Id;
        });

    private static List<string> ShownBodies(IRenderedComponent<TicketView> page) =>
        page.FindAll("[data-testid=message] .body").Select(b => b.TextContent.Trim()).ToList();

    private static IEnumerable<string> Bodies(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => $"Pesan {i}");

    [Fact]
    public async Task A_long_ticket_opens_with_only_its_latest_50_messages_read_and_the_api_still_answers_the_whole_thread()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var id = await InsertThreadAsync(workspace.Id, 120, DateTime.UtcNow.AddMinutes(-5), _ => MessageAuthor.Requester);

        var opened = await App.SendAsync(new OpenTicket(workspace.Id, id));
        Assert.Equal(Bodies(71, 120), opened.Ticket.Messages!.Select(m => m.Body));
        Assert.True(opened.HasEarlierMessages);

        var page = RenderTicket(workspace, id);
        page.WaitForAssertion(() => Assert.Equal(Bodies(71, 120), ShownBodies(page)));
        Assert.Single(page.FindAll("[data-testid=show-earlier]"));

        var answered = (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray();
        Assert.Equal(Bodies(1, 120), answered.Select(m => m.Str("body")));
    }

    [Fact]
    public async Task Show_earlier_messages_brings_the_older_pages_in_order_without_duplicates()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var id = await InsertThreadAsync(workspace.Id, 120, DateTime.UtcNow.AddMinutes(-5), _ => MessageAuthor.Requester);
        var page = RenderTicket(workspace, id);

        page.Find("[data-testid=show-earlier]").Click();
        page.WaitForAssertion(() => Assert.Equal(Bodies(21, 120), ShownBodies(page)));

        page.Find("[data-testid=show-earlier]").Click();
        page.WaitForAssertion(() => Assert.Equal(Bodies(1, 120), ShownBodies(page)));
        Assert.Empty(page.FindAll("[data-testid=show-earlier]"));
    }

    [Fact]
    public async Task A_new_message_joins_at_the_bottom_and_the_earlier_pages_opened_stay()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var id = await InsertThreadAsync(workspace.Id, 120, DateTime.UtcNow.AddMinutes(-5), _ => MessageAuthor.Requester);
        var page = RenderTicket(workspace, id);
        page.Find("[data-testid=show-earlier]").Click();
        page.WaitForAssertion(() => Assert.Equal(Bodies(21, 120), ShownBodies(page)));

        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Pesan baru", @internal = true });

        page.WaitForAssertion(() => Assert.Equal([.. Bodies(21, 120), "Pesan baru"], ShownBodies(page)));
        Assert.Single(page.FindAll("[data-testid=show-earlier]"));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(30, true)]
    public async Task W15_the_window_counts_from_the_customers_last_message_even_when_it_is_older_than_the_latest_50(int hoursAgo, bool closed)
    {
        var workspace = await App.CreateWorkspaceAsync();
        // The customer wrote first; 60 replies and notes of ours followed, so their message is not among those shown.
        var id = await InsertThreadAsync(workspace.Id, 61, DateTime.UtcNow.AddHours(-hoursAgo).AddMinutes(30),
            i => i == 1 ? MessageAuthor.Requester : MessageAuthor.Agent);
        var page = RenderTicket(workspace, id);
        page.WaitForAssertion(() => Assert.DoesNotContain("Pesan 1", ShownBodies(page)));

        Assert.Equal(closed, page.FindAll("[data-testid=window-warning]").Count == 1);
    }
}
