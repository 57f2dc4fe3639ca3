using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

public enum AssigneeFilter { Anyone, Me, Unassigned }

/// <summary>
/// The agent inbox: a workspace's tickets, newest activity first, one page at a time, with the counts of each status
/// tab under the same filters. Search looks in subject, requester name, phone and email.
/// </summary>
/// <param name="ConnectionId">
/// W19: only the tickets of the number this connection carries (or carried); another workspace's connection matches none.
/// </param>
public sealed record SearchInbox(
    int WorkspaceId, string? UserId, TicketStatus? Status = null, TicketChannel? Channel = null,
    AssigneeFilter Assignee = AssigneeFilter.Anyone, string? Search = null, int Limit = SearchInbox.PageSize, string? Cursor = null,
    int? ConnectionId = null, bool Snoozed = false)
    : IRequest<InboxPage>
{
    public const int PageSize = 50;

    /// <summary>
    /// A search matching more tickets than this is not counted per tab: its tabs show "1,000+". Counting every hit
    /// reads each one's status (bench: "budi", 12,500 hits of 100k tickets, ≈ 20 ms alone).
    /// </summary>
    public const int CountLimit = 1_000;
}

/// <param name="AwaitingReply">The customer spoke last: the ticket waits for an agent.</param>
/// <param name="Unread">W23: the customer spoke last, and the asking agent has not opened the ticket since.</param>
/// <param name="BusinessNumberId">W19: the WhatsApp number the ticket is on, which the inbox names when there are several.</param>
public sealed record InboxItem(
    int Id, string Subject, TicketStatus Status, TicketChannel Channel, string? RequesterName, string? RequesterPhone,
    string? RequesterEmail, string? RequesterWhatsAppId, string? AssigneeId, DateTime LastMessageAt, string? Preview, bool AwaitingReply,
    bool Unread = false, int? BusinessNumberId = null)
{
    public string Requester => RequesterName ?? RequesterPhone ?? RequesterEmail ?? (RequesterWhatsAppId is null ? "Unknown" : "WhatsApp user (no number shared)");
}

/// <param name="Counts">The number of tickets in each status tab; empty when <paramref name="Uncounted"/>.</param>
/// <param name="Uncounted">
/// The search, or the number filter, matches more than <see cref="SearchInbox.CountLimit"/> tickets, which were not counted.
/// </param>
/// <param name="SnoozedCount">W23: the Snoozed tab's tickets, counted out of the Open and Pending tabs.</param>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor, IReadOnlyDictionary<TicketStatus, int> Counts, bool Uncounted = false,
    int SnoozedCount = 0)
{
    public int Total => Counts.Values.Sum() + SnoozedCount;
}

public sealed class SearchInboxHandler(SuppuoDbContext db) : IRequestHandler<SearchInbox, InboxPage>
{
    private const int PreviewLength = 140;

    public async Task<InboxPage> Handle(SearchInbox request, CancellationToken cancellationToken)
    {
        var filtered = db.Tickets.AsNoTracking().Where(t => t.WorkspaceId == request.WorkspaceId);
        if (request.Channel is { } channel)
            filtered = filtered.Where(t => t.Channel == channel);
        if (request.ConnectionId is { } connectionId)
        {
            // The number's tickets, on its index (WorkspaceId, BusinessNumberId, LastMessageAt): a number moved between
            // providers is one number, so either of its connections finds all of its tickets.
            var numberId = await db.WhatsAppConnections.AsNoTracking()
                .Where(c => c.Id == connectionId && c.WorkspaceId == request.WorkspaceId).Select(c => c.BusinessNumberId).SingleOrDefaultAsync(cancellationToken);
            filtered = numberId is null ? filtered.Where(t => false) : filtered.Where(t => t.BusinessNumberId == numberId);
        }
        filtered = request.Assignee switch
        {
            AssigneeFilter.Me => filtered.Where(t => t.AssigneeId == request.UserId),
            AssigneeFilter.Unassigned => filtered.Where(t => t.AssigneeId == null),
            _ => filtered,
        };
        var search = string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim();
        var hits = search is null ? null : await SearchIndexHitsAsync(search, cancellationToken);
        var counts = await CountByStatusAsync(request, filtered, search, hits, cancellationToken);

        var page = request.Status is { } status ? filtered.Where(t => t.Status == status) : filtered;
        // W23: a snoozed ticket waits in the Snoozed tab, out of Open and Pending, until it wakes.
        if (request.Snoozed)
            page = filtered.Where(t => t.SnoozedUntil != null);
        else if (request.Status is TicketStatus.Open or TicketStatus.Pending)
            page = page.Where(t => t.SnoozedUntil == null);
        var snoozed = counts is null ? new Dictionary<TicketStatus, int>() : await SnoozedByStatusAsync(filtered, search, hits, cancellationToken);
        if (counts is not null && snoozed.Count > 0)
            counts = counts.ToDictionary(c => c.Key, c => c.Value - snoozed.GetValueOrDefault(c.Key));
        if (request.Cursor is not null && TicketCursor.Decode(request.Cursor) is { } after)
            page = page.Where(t => t.LastMessageAt < after.LastMessageAt || (t.LastMessageAt == after.LastMessageAt && t.Id < after.Id));
        List<int> ids = [];
        // A search with more hits than are counted finds its page among the tab's newest tickets: walk them newest-first
        // on the tab's index, a bounded number, testing each, rather than sort every hit by activity (bench: "budi",
        // 12,500 hits, 94 ms). A rare term, or one whose hits are all older than the walk, sorts its hits instead: they
        // are few, or else this is the rare case that pays for them.
        if (counts is null && search is not null)
        {
            var newest = NewestFirst(page).Take(SearchWalk);
            ids = await PageIdsAsync(Matching(newest, search, hits, fewNewest: true), request.Limit, cancellationToken);
        }
        if (ids.Count <= request.Limit)
            ids = await PageIdsAsync(search is null ? page : Matching(page, search, hits), request.Limit, cancellationToken);
        // The page's ids first, then its rows with their last message: SQLite computes a row's columns before it sorts,
        // so a search matching thousands of tickets would seek every match's last message only to keep 51 (bench:
        // "budi", one ticket in eight of 100k, 300 ms).
        var found = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id))
            // Two scalar subqueries, each an index seek on (TicketId, CreatedAt): projecting the last message as one
            // object makes EF rank every message of the workspace instead.
            .Select(t => new
            {
                Ticket = t,
                Preview = t.Messages.Where(m => !m.Internal).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                    .Select(m => m.Body.Substring(0, PreviewLength)).FirstOrDefault(),
                LastAuthor = t.Messages.Where(m => !m.Internal).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                    .Select(m => (MessageAuthor?)m.Author).FirstOrDefault(),
                LastId = t.Messages.Where(m => !m.Internal).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                    .Select(m => m.Id).FirstOrDefault(),
            })
            .ToDictionaryAsync(r => r.Ticket.Id, cancellationToken);
        var rows = ids.Select(id => found[id]).ToList();
        // W23: how far the agent read each ticket of the page, one lookup on the reads' key for the whole page.
        var seen = request.UserId is null ? [] : await db.TicketReads.AsNoTracking().Where(r => r.UserId == request.UserId && ids.Contains(r.TicketId))
            .ToDictionaryAsync(r => r.TicketId, r => r.LastSeenMessageId, cancellationToken);

        var items = rows.Take(request.Limit).Select(r => new InboxItem(
            r.Ticket.Id, r.Ticket.Subject, r.Ticket.Status, r.Ticket.Channel, r.Ticket.RequesterName, r.Ticket.RequesterPhone,
            r.Ticket.RequesterEmail, r.Ticket.RequesterWhatsAppId, r.Ticket.AssigneeId, r.Ticket.LastMessageAt,
            r.Preview, r.LastAuthor == MessageAuthor.Requester,
            Unread: r.LastAuthor == MessageAuthor.Requester && r.LastId > seen.GetValueOrDefault(r.Ticket.Id),
            BusinessNumberId: r.Ticket.BusinessNumberId)).ToList();
        var next = rows.Count > request.Limit ? TicketCursor.Encode(rows[request.Limit - 1].Ticket) : null;
        return counts is null
            ? new InboxPage(items, next, new Dictionary<TicketStatus, int>(), Uncounted: true)
            : new InboxPage(items, next, counts, SnoozedCount: snoozed.Values.Sum());
    }

    /// <summary>Snoozed tickets under the filters, by status: a seek on (WorkspaceId, SnoozedUntil), as few are snoozed at once.</summary>
    private async Task<Dictionary<TicketStatus, int>> SnoozedByStatusAsync(IQueryable<Ticket> filtered, string? search, IQueryable<int>? hits, CancellationToken cancellationToken)
    {
        var snoozed = filtered.Where(t => t.SnoozedUntil != null);
        if (search is not null)
            snoozed = Matching(snoozed, search, hits);
        return await snoozed.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken);
    }

    /// <summary>How many tickets a search tests among the tab's newest before it sorts its hits instead.</summary>
    private const int SearchWalk = 5_000;

    /// <summary>The ids of a page and one more (which says whether a next page exists), newest activity first.</summary>
    private static Task<List<int>> PageIdsAsync(IQueryable<Ticket> tickets, int limit, CancellationToken cancellationToken) =>
        NewestFirst(tickets).Take(limit + 1).Select(t => t.Id).ToListAsync(cancellationToken);

    private static IQueryable<Ticket> NewestFirst(IQueryable<Ticket> tickets) => tickets.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id);

    /// <summary>
    /// The number of tickets in each status tab under the request's filters, or null for a search that matches more than
    /// <see cref="SearchInbox.CountLimit"/>: its hits' statuses are read one by one, so they are read up to the limit only.
    /// </summary>
    private async Task<IReadOnlyDictionary<TicketStatus, int>?> CountByStatusAsync(
        SearchInbox request, IQueryable<Ticket> filtered, string? search, IQueryable<int>? hits, CancellationToken cancellationToken)
    {
        Dictionary<TicketStatus, int> counts;
        if (search is not null)
        {
            var statuses = await Matching(filtered, search, hits).Select(t => t.Status).Take(SearchInbox.CountLimit + 1).ToListAsync(cancellationToken);
            if (statuses.Count > SearchInbox.CountLimit)
                return null;
            counts = statuses.CountBy(s => s).ToDictionary();
        }
        // W19: the kept counts have no number dimension, and grouping a number's tickets by status reads every one of
        // them. Its statuses are read on the number's index up to the limit, as a search's are; a busier number shows
        // "1,000+" on All rather than a count that costs as much as the workspace's.
        else if (request.ConnectionId is not null)
        {
            var statuses = await filtered.Select(t => t.Status).Take(SearchInbox.CountLimit + 1).ToListAsync(cancellationToken);
            if (statuses.Count > SearchInbox.CountLimit)
                return null;
            counts = statuses.CountBy(s => s).ToDictionary();
        }
        // SQLite: the counts of every inbox load and tab switch, and those of "assigned to me" and "unassigned", are kept
        // by triggers (migrations InboxStatusCounts, InboxAssigneeCounts); counting them read every ticket of the
        // workspace (100k tickets: 15-20 ms of CPU → 0.2 ms), or every ticket of the agent.
        else if (db.Database.IsSqlite() && request.Channel is null)
        {
            var kept = request.Assignee == AssigneeFilter.Anyone
                ? db.Database.SqlQuery<StatusCount>($"SELECT Status, Count FROM TicketStatusCounts WHERE WorkspaceId = {request.WorkspaceId}")
                : db.Database.SqlQuery<StatusCount>(
                    $"SELECT Status, Count FROM TicketAssigneeCounts WHERE WorkspaceId = {request.WorkspaceId} AND AssigneeId = {(request.Assignee == AssigneeFilter.Me ? request.UserId ?? "" : "")}");
            counts = await kept.ToDictionaryAsync(c => Enum.Parse<TicketStatus>(c.Status), c => c.Count, cancellationToken);
        }
        else
            counts = await filtered.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken);
        return Enum.GetValues<TicketStatus>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));
    }

    private sealed class StatusCount
    {
        public string Status { get; set; } = "";
        public int Count { get; set; }
    }

    /// <summary>
    /// Tickets whose subject, requester name, phone or email contain <paramref name="text"/>, in any case.
    /// <paramref name="hits"/>: the search index's answer (<see cref="SearchIndexHitsAsync"/>), or null to test each ticket
    /// with LIKE. <paramref name="fewNewest"/>: the tickets are a tab's newest few, and the search index skips the hits
    /// older than the oldest of them.
    /// </summary>
    private IQueryable<Ticket> Matching(IQueryable<Ticket> tickets, string text, IQueryable<int>? hits, bool fewNewest = false)
    {
        if (hits is not null)
        {
            if (!fewNewest)
                // Joined, not tested with IN: SQLite reads the index lazily (a count stops at its limit) and skips
                // building a list of every hit (bench: "budi", 12,500 hits, ≈ 9 ms → 1.3 ms for the count's 1,001).
                return hits.Join(tickets, id => id, t => t.Id, (_, t) => t);
            // A few tickets to test one by one against a list of hits. Ids follow creation, so the hits among the
            // newest tickets are a range of the index (bench: 625 hits instead of 12,500 for "budi" in the newest 5,000).
            var inRange = hits.Where(id => id >= tickets.Min(t => t.Id));
            return tickets.Where(t => inRange.Contains(t.Id));
        }
        var pattern = LikePattern(text);
        // SQLite's LIKE ignores case (ASCII); PostgreSQL's does not, and ILIKE keeps search the same there.
        return db.Database.IsNpgsql()
            ? tickets.Where(t => EF.Functions.ILike(t.Subject, pattern, "\\")
                || EF.Functions.ILike(t.RequesterName!, pattern, "\\")
                || EF.Functions.ILike(t.RequesterPhone!, pattern, "\\")
                || EF.Functions.ILike(t.RequesterEmail!, pattern, "\\"))
            : tickets.Where(t => EF.Functions.Like(t.Subject, pattern, "\\")
                || EF.Functions.Like(t.RequesterName!, pattern, "\\")
                || EF.Functions.Like(t.RequesterPhone!, pattern, "\\")
                || EF.Functions.Like(t.RequesterEmail!, pattern, "\\"));
    }

    /// <summary>
    /// At most this many tickets above the index's mark are read with LIKE next to the index. Further behind (an upgrade
    /// that added the index to a full database, a bulk import, a stalled indexer), the search does not use the index at
    /// all and tests the workspace's tickets with LIKE, as on PostgreSQL: slower than the index, but bounded by the
    /// workspace, instead of a LIKE over the whole lag that SQLite re-ran for every ticket of a tab (bench: a fresh 100k
    /// seed, "budi" in the Pending tab, over 10 s a query).
    /// </summary>
    public const int UnindexedTailLimit = 2_000;

    /// <summary>
    /// SQLite: the trigram index TicketSearch (migration InboxSearchAndAssigneeCounts) finds any substring of three
    /// characters or more, as LIKE does, without reading every ticket: the cost follows the matches, not the workspace.
    /// Null for shorter text, which has no trigram to look up, on PostgreSQL, and while the index lags further than
    /// <see cref="UnindexedTailLimit"/>: all three take the LIKE path.
    /// </summary>
    private async Task<IQueryable<int>?> SearchIndexHitsAsync(string text, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || text.EnumerateRunes().Count() < 3)
            return null;
        var lag = await db.Database.SqlQuery<SearchIndexLag>($"""
            SELECT IndexedUpTo, (SELECT COALESCE(MAX(Id), 0) FROM Tickets) AS NewestId FROM TicketSearchProgress
            """).SingleAsync(cancellationToken);
        if (lag.NewestId - lag.IndexedUpTo > UnindexedTailLimit)
            return null;
        var phrase = "\"" + text.Replace("\"", "\"\"") + "\"";
        var pattern = LikePattern(text);
        // WhatsApp tickets join the index in the transaction that creates them; others a moment after (IndexNewTickets).
        // Those above its mark, usually none and at most UnindexedTailLimit, are read with LIKE now, once: the ids found
        // go into the query as a list, so however SQLite plans it, the LIKE never runs again per ticket it tests.
        var unindexed = lag.NewestId > lag.IndexedUpTo
            ? await db.Database.SqlQuery<int>($"""
                SELECT Id AS Value FROM Tickets WHERE Id > {lag.IndexedUpTo}
                    AND (Subject LIKE {pattern} ESCAPE '\' OR RequesterName LIKE {pattern} ESCAPE '\'
                        OR RequesterPhone LIKE {pattern} ESCAPE '\' OR RequesterEmail LIKE {pattern} ESCAPE '\')
                """).ToListAsync(cancellationToken)
            : [];
        // The index's part stops at the mark read above: the indexer may move it meanwhile, and a ticket it takes in
        // then is already in the tail's ids, so it must not be found twice.
        if (unindexed.Count == 0)
            return db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM TicketSearch WHERE TicketSearch MATCH {phrase} AND rowid <= {lag.IndexedUpTo}");
        var list = System.Text.Json.JsonSerializer.Serialize(unindexed);
        return db.Database.SqlQuery<int>($"""
            SELECT rowid AS Value FROM TicketSearch WHERE TicketSearch MATCH {phrase} AND rowid <= {lag.IndexedUpTo}
            UNION ALL
            SELECT value AS Value FROM json_each({list})
            """);
    }

    private sealed class SearchIndexLag
    {
        public long IndexedUpTo { get; set; }
        public long NewestId { get; set; }
    }

    private static string LikePattern(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
