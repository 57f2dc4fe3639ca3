using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Tickets;

/// <summary>
/// W25, "Search that never falls off a cliff": however far the search index lags (an upgrade adding it to a full
/// database, a bulk import, a stalled indexer), search answers exactly, and its cost stays bounded (the LIKE path
/// beyond <see cref="SearchInboxHandler.UnindexedTailLimit"/>, the ids of a short tail otherwise). No timing is asserted.
/// </summary>
public class SearchIndexLagTests(SuppuoAppIndexingByHand app) : IClassFixture<SuppuoAppIndexingByHand>
{
    private sealed record Seeded(int Id, TicketStatus Status, DateTime LastMessageAt, bool Budi, string Phone);

    /// <summary>Tickets straight into the database, as a bulk import would: none of them in the search index.</summary>
    private Task<List<Seeded>> SeedAsync(int workspaceId, int first, int count, DateTime newest) =>
        app.WithDbAsync(async db =>
        {
            var statuses = Enum.GetValues<TicketStatus>();
            var tickets = Enumerable.Range(first, count).Select(i => new Ticket
            {
                WorkspaceId = workspaceId, Subject = $"Pesanan {i} belum sampai", Channel = TicketChannel.WhatsApp, Status = statuses[i % statuses.Length],
                RequesterName = i % 8 == 0 ? "Budi Santoso" : "Siti Rahma", RequesterPhone = $"+62812{i:D8}", StatusToken = StatusToken.New(),
                CreatedAt = newest.AddMinutes(first - i), UpdatedAt = newest.AddMinutes(first - i), LastMessageAt = newest.AddMinutes(first - i),
            }).ToList();
            db.Tickets.AddRange(tickets);
            await db.SaveChangesAsync();
            return tickets.Select(t => new Seeded(t.Id, t.Status, t.LastMessageAt, t.RequesterName == "Budi Santoso", t.RequesterPhone!)).ToList();
        });

    private async Task AssertExactAsync(TestWorkspace workspace, List<Seeded> seeded, TicketStatus? tab)
    {
        var hits = seeded.Where(t => t.Budi).ToList();
        var page = await app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, tab, Search: "budi"));
        var expected = hits.Where(t => tab is null || t.Status == tab).OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id)
            .Take(SearchInbox.PageSize).Select(t => t.Id);
        Assert.Equal(expected, page.Items.Select(i => i.Id));
        foreach (var status in Enum.GetValues<TicketStatus>())
            Assert.Equal(hits.Count(t => t.Status == status), page.Counts[status]);

        var digits = seeded[42].Phone[4..];
        var phone = await app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, Search: digits));
        Assert.Equal(seeded.Where(t => t.Phone.Contains(digits, StringComparison.Ordinal)).OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id).Select(t => t.Id),
            phone.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task W25_search_answers_exactly_with_the_index_empty_far_behind_or_a_few_tickets_behind()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var seeded = await SeedAsync(workspace.Id, 0, SearchInboxHandler.UnindexedTailLimit + 1_000, DateTime.UtcNow.AddDays(-1));

        // Thousands of tickets above the mark: the LIKE path.
        await AssertExactAsync(workspace, seeded, tab: null);
        await AssertExactAsync(workspace, seeded, TicketStatus.Pending);
        await AssertExactAsync(workspace, seeded, TicketStatus.Open);

        // The index caught up, then a few tickets more: the index and the tail's ids.
        await app.IndexNewTicketsAsync();
        var all = (await SeedAsync(workspace.Id, seeded.Count, 100, DateTime.UtcNow)).Concat(seeded).ToList();
        await AssertExactAsync(workspace, all, tab: null);
        await AssertExactAsync(workspace, all, TicketStatus.Pending);
        await AssertExactAsync(workspace, all, TicketStatus.Open);

        await app.IndexNewTicketsAsync();
        await AssertExactAsync(workspace, all, tab: null);
        await AssertExactAsync(workspace, all, TicketStatus.Open);
    }
}
