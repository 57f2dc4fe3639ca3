using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Tickets;

/// <summary>The inbox query: tabs with counts, filters, search, the customer-waiting marker and keyset paging.</summary>
public class SearchInboxTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private async Task<(TestWorkspace Workspace, int Email, int WhatsApp, int Web)> SeedAsync()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var email = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Invoice for October", body = "Resend please", channel = "email", requesterName = "Maria Chen", requesterEmail = "maria@example.com" })).Int("id");
        var whatsapp = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Pesanan belum sampai", body = "Sudah 5 hari", channel = "whatsapp", requesterName = "Budi", requesterPhone = "+6281234567890" })).Int("id");
        var web = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Checkout error", channel = "web", requesterEmail = "lena@example.org" })).Int("id");
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{email}/messages", new { body = "Sent again", @internal = false }); // → pending
        await workspace.Api.PatchAsync($"/api/v1/tickets/{web}", Json.Body($$"""{"status":"resolved","assigneeId":"{{workspace.OwnerUserId}}"}"""));
        return (workspace, email, whatsapp, web);
    }

    private Task<InboxPage> Search(TestWorkspace workspace, TicketStatus? status = null, TicketChannel? channel = null,
        AssigneeFilter assignee = AssigneeFilter.Anyone, string? search = null, int limit = 50, string? cursor = null) =>
        app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, status, channel, assignee, search, limit, cursor));

    [Fact]
    public async Task Each_status_tab_lists_its_tickets_and_every_tab_shows_its_count()
    {
        var (workspace, email, whatsapp, web) = await SeedAsync();
        var open = await Search(workspace, TicketStatus.Open);
        Assert.Equal([whatsapp], open.Items.Select(i => i.Id));
        Assert.Equal(1, open.Counts[TicketStatus.Open]);
        Assert.Equal(1, open.Counts[TicketStatus.Pending]);
        Assert.Equal(1, open.Counts[TicketStatus.Resolved]);
        Assert.Equal(0, open.Counts[TicketStatus.Closed]);
        Assert.Equal(3, open.Total);
        // By last message, not by status changes: resolving the web ticket added the rating request (CSAT), its newest message.
        Assert.Equal([web, email, whatsapp], (await Search(workspace)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Filters_by_channel_and_assignee()
    {
        var (workspace, email, whatsapp, web) = await SeedAsync();
        Assert.Equal([whatsapp], (await Search(workspace, channel: TicketChannel.WhatsApp)).Items.Select(i => i.Id));
        Assert.Equal([web], (await Search(workspace, assignee: AssigneeFilter.Me)).Items.Select(i => i.Id));
        Assert.Equal([email, whatsapp], (await Search(workspace, assignee: AssigneeFilter.Unassigned)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Assigned_to_me_and_unassigned_counts_follow_assignment_and_status_changes()
    {
        var (workspace, email, whatsapp, _) = await SeedAsync();
        var mine = await Search(workspace, assignee: AssigneeFilter.Me);
        Assert.Equal((0, 0, 1), (mine.Counts[TicketStatus.Open], mine.Counts[TicketStatus.Pending], mine.Counts[TicketStatus.Resolved]));
        var unassigned = await Search(workspace, assignee: AssigneeFilter.Unassigned);
        Assert.Equal((1, 1, 0), (unassigned.Counts[TicketStatus.Open], unassigned.Counts[TicketStatus.Pending], unassigned.Counts[TicketStatus.Resolved]));

        await workspace.Api.PatchAsync($"/api/v1/tickets/{whatsapp}", Json.Body($$"""{"status":"pending","assigneeId":"{{workspace.OwnerUserId}}"}"""));
        await workspace.Api.PatchAsync($"/api/v1/tickets/{email}", Json.Body("""{"status":"closed"}"""));

        mine = await Search(workspace, assignee: AssigneeFilter.Me);
        Assert.Equal((0, 1, 1, 0), (mine.Counts[TicketStatus.Open], mine.Counts[TicketStatus.Pending], mine.Counts[TicketStatus.Resolved], mine.Counts[TicketStatus.Closed]));
        unassigned = await Search(workspace, assignee: AssigneeFilter.Unassigned);
        Assert.Equal((0, 0, 0, 1), (unassigned.Counts[TicketStatus.Open], unassigned.Counts[TicketStatus.Pending], unassigned.Counts[TicketStatus.Resolved], unassigned.Counts[TicketStatus.Closed]));
    }

    [Theory]
    [InlineData("october", "Invoice for October")]
    [InlineData("Budi", "Pesanan belum sampai")]
    [InlineData("+62812345", "Pesanan belum sampai")]
    [InlineData("lena@", "Checkout error")]
    public async Task Search_looks_in_subject_name_phone_and_email(string text, string subject)
    {
        var (workspace, _, _, _) = await SeedAsync();
        Assert.Equal([subject], (await Search(workspace, search: text)).Items.Select(i => i.Subject));
    }

    [Theory]
    [InlineData("bud", "Pesanan belum sampai")]
    [InlineData("MARIA C", "Invoice for October")]
    [InlineData("812345", "Pesanan belum sampai")]
    [InlineData("example.org", "Checkout error")]
    public async Task Search_finds_what_the_agent_has_typed_so_far_in_any_case(string text, string subject)
    {
        var (workspace, _, _, _) = await SeedAsync();
        Assert.Equal([subject], (await Search(workspace, search: text)).Items.Select(i => i.Subject));
    }

    [Fact]
    public async Task A_ticket_whose_subject_and_requester_change_is_found_by_its_new_words_only()
    {
        var (workspace, _, whatsapp, _) = await SeedAsync();
        await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == whatsapp)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Subject, "Paket rusak").SetProperty(x => x.RequesterName, "Wayan")));

        Assert.Equal([whatsapp], (await Search(workspace, search: "rusak")).Items.Select(i => i.Id));
        Assert.Equal([whatsapp], (await Search(workspace, search: "wayan")).Items.Select(i => i.Id));
        Assert.Empty((await Search(workspace, search: "budi")).Items);
        Assert.Empty((await Search(workspace, search: "belum sampai")).Items);
    }

    [Fact]
    public async Task Search_treats_wildcards_as_text()
    {
        var (workspace, _, _, _) = await SeedAsync();
        Assert.Empty((await Search(workspace, search: "%")).Items);
        Assert.Empty((await Search(workspace, search: "100%")).Items);
        Assert.Empty((await Search(workspace, search: "\"Budi\" OR *")).Items);
    }

    [Fact]
    public async Task Rows_show_the_last_public_message_and_whether_the_customer_waits_for_a_reply()
    {
        var (workspace, email, whatsapp, _) = await SeedAsync();
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{whatsapp}/messages", new { body = "Note only", @internal = true });
        var items = (await Search(workspace)).Items;
        var waiting = items.Single(i => i.Id == whatsapp);
        Assert.Equal("Sudah 5 hari", waiting.Preview); // the internal note is not a preview
        Assert.True(waiting.AwaitingReply);
        var answered = items.Single(i => i.Id == email);
        Assert.Equal("Sent again", answered.Preview);
        Assert.False(answered.AwaitingReply);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var workspace = await app.CreateWorkspaceAsync();
        for (var i = 0; i < 5; i++)
            await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = $"T{i}", channel = "web", requesterEmail = "a@example.com" });
        var first = await Search(workspace, limit: 2);
        var second = await Search(workspace, limit: 2, cursor: first.NextCursor);
        var third = await Search(workspace, limit: 2, cursor: second.NextCursor);
        Assert.Equal(["T4", "T3", "T2", "T1", "T0"], first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Subject));
        Assert.Null(third.NextCursor);
    }

    private async Task<List<int>> AllPagesAsync(TestWorkspace workspace, string search)
    {
        var ids = new List<int>();
        string? cursor = null;
        do
        {
            var page = await Search(workspace, search: search, cursor: cursor);
            ids.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        return ids;
    }

    [Fact]
    public async Task A_search_with_more_hits_than_are_counted_says_so_and_lists_its_newest()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var now = DateTime.UtcNow;
        var hits = await app.InsertTicketsAsync(workspace.Id, SearchInbox.CountLimit + 1, "Kardus penyok", now);
        await app.InsertTicketsAsync(workspace.Id, 10, "Salah alamat", now.AddSeconds(30)); // newer, not matching

        var page = await Search(workspace, search: "kardus");
        Assert.True(page.Uncounted);
        Assert.Equal(hits.Take(SearchInbox.PageSize), page.Items.Select(i => i.Id));

        var few = await Search(workspace, search: "alamat");
        Assert.False(few.Uncounted);
        Assert.Equal(10, few.Counts[TicketStatus.Open]);
    }

    [Fact]
    public async Task Paging_through_a_common_terms_hits_returns_each_hit_once_in_order()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var now = DateTime.UtcNow;
        var hits = await app.InsertTicketsAsync(workspace.Id, SearchInbox.CountLimit + 60, "Kardus penyok", now);
        await app.InsertTicketsAsync(workspace.Id, 300, "Salah alamat", now.AddSeconds(-30)); // interleaved with the hits

        Assert.Equal(hits, await AllPagesAsync(workspace, "kardus"));
    }

    [Fact]
    public async Task A_common_term_whose_hits_are_all_older_than_thousands_of_other_tickets_is_still_found()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var now = DateTime.UtcNow;
        var hits = await app.InsertTicketsAsync(workspace.Id, SearchInbox.CountLimit + 10, "Kardus penyok", now.AddDays(-30));
        await app.InsertTicketsAsync(workspace.Id, 6_000, "Salah alamat", now);

        Assert.Equal(hits, await AllPagesAsync(workspace, "kardus"));
    }

    [Fact]
    public async Task Another_workspaces_tickets_never_appear()
    {
        var (mine, _, _, _) = await SeedAsync();
        var theirs = await app.CreateWorkspaceAsync();
        await theirs.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Secret of another shop", channel = "web", requesterEmail = "x@example.com" });
        var page = await Search(mine, search: "Secret");
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
    }
}
