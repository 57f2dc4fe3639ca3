using System.Globalization;
using Suppuo.Core.Tickets;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Components.Inbox;

/// <summary>
/// What one open inbox shows and how the agent moves through it: the filters, the pages loaded so far, the search
/// typed, the selected row. The page draws it and connects it to the circuit (live events, keys, re-rendering).
/// </summary>
public sealed class InboxState(ScopedSender sender, TimeProvider clock) : IDisposable
{
    /// <summary>The status tabs by name (their test ids and, in the page, their resource keys: Tab_Open …).</summary>
    public static readonly (string Name, TicketStatus? Value)[] Tabs =
        [("Open", TicketStatus.Open), ("Pending", TicketStatus.Pending), ("Resolved", TicketStatus.Resolved), ("Closed", TicketStatus.Closed), ("All", null)];

    /// <summary>The channel filter's values, "" for every channel; the page names them in the agent's language (W24).</summary>
    public static readonly string[] ChannelOptions = ["", nameof(TicketChannel.WhatsApp), nameof(TicketChannel.Email), nameof(TicketChannel.Web)];

    /// <summary>The assignee filter's values; the page names them in the agent's language (W24).</summary>
    public static readonly string[] AssigneeOptions = [nameof(AssigneeFilter.Anyone), nameof(AssigneeFilter.Me), nameof(AssigneeFilter.Unassigned)];

    private int workspaceId;
    private string? userId;
    private List<InboxItem> items = [];
    private bool reloadAgain;
    private CancellationTokenSource? typing;

    /// <summary>The last page loaded, with the tab counts; null until the first has come.</summary>
    public InboxPage? Page { get; private set; }

    /// <summary>Every row loaded so far, over all the pages.</summary>
    public IReadOnlyList<InboxItem> Items => items;

    public TicketStatus? Status { get; private set; } = TicketStatus.Open;
    /// <summary>W23: the Snoozed tab is shown instead of a status tab.</summary>
    public bool Snoozed { get; private set; }
    public TicketChannel? Channel { get; private set; }
    public AssigneeFilter Assignee { get; private set; }
    public string? Search { get; private set; }

    /// <summary>The row the keyboard is on; -1 for none.</summary>
    public int Selected { get; private set; } = -1;

    public bool Loading { get; private set; }

    /// <summary>When the rows were loaded: their "how long ago" is counted to this.</summary>
    public DateTime LoadedAt { get; private set; }

    public CsatSummary? Csat { get; private set; }

    public bool IsFiltered => Channel is not null || Assignee != AssigneeFilter.Anyone || !string.IsNullOrWhiteSpace(Search) || Status is not null;

    /// <summary>The channel filter's value as its select holds it: "" for every channel.</summary>
    public string ChannelOption => Channel?.ToString() ?? "";

    /// <summary>
    /// A tab's count. A search with too many hits to count says so on "All" and leaves the status tabs without a number
    /// rather than guess how its hits split.
    /// </summary>
    public string CountOf(TicketStatus? value) => Page switch
    {
        null => "0",
        { Uncounted: true } => value is null ? string.Create(CultureInfo.InvariantCulture, $"{SearchInbox.CountLimit:N0}+") : "",
        _ => (value is { } s ? Page.Counts[s] : Page.Total).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Opens the inbox of <paramref name="userId"/> in <paramref name="workspaceId"/>: the CSAT summary and the first page.</summary>
    public async Task OpenAsync(int workspaceId, string? userId)
    {
        this.workspaceId = workspaceId;
        this.userId = userId;
        Csat = await sender.Send(new GetCsatSummary(workspaceId));
        await ReloadAsync();
    }

    /// <summary>Reloads what is on screen (at least one page), coalescing bursts of events into one more reload.</summary>
    public async Task ReloadAsync()
    {
        if (Loading)
        {
            reloadAgain = true;
            return;
        }
        Loading = true;
        try
        {
            do
            {
                reloadAgain = false;
                var limit = Math.Clamp(items.Count, SearchInbox.PageSize, 200);
                Page = await sender.Send(Query(limit, cursor: null));
                items = [.. Page.Items];
                LoadedAt = clock.GetUtcNow().UtcDateTime;
                Selected = Math.Min(Selected, items.Count - 1);
            } while (reloadAgain);
        }
        finally
        {
            Loading = false;
        }
    }

    public async Task LoadMoreAsync()
    {
        if (Page?.NextCursor is null)
            return;
        Loading = true;
        try
        {
            Page = await sender.Send(Query(SearchInbox.PageSize, Page.NextCursor));
            items.AddRange(Page.Items.Where(i => items.All(existing => existing.Id != i.Id)));
        }
        finally
        {
            Loading = false;
        }
    }

    public async Task ShowSnoozedAsync()
    {
        (Snoozed, Status) = (true, null);
        items = [];
        Selected = -1;
        await ReloadAsync();
    }

    public async Task ShowStatusAsync(TicketStatus? value)
    {
        Snoozed = false;
        Status = value;
        items = [];
        Selected = -1;
        await ReloadAsync();
    }

    /// <param name="value">One of <see cref="ChannelOptions"/>.</param>
    public async Task ShowChannelAsync(string? value)
    {
        Channel = string.IsNullOrEmpty(value) ? null : Enum.Parse<TicketChannel>(value);
        items = [];
        await ReloadAsync();
    }

    /// <param name="value">One of <see cref="AssigneeOptions"/>.</param>
    public async Task ShowAssigneeAsync(string? value)
    {
        Assignee = Enum.Parse<AssigneeFilter>(value!);
        items = [];
        await ReloadAsync();
    }

    /// <summary>Searches once typing pauses for a quarter of a second, not on every key.</summary>
    public async Task SearchTypedAsync(string? value)
    {
        typing?.Cancel();
        typing = new CancellationTokenSource();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), typing.Token);
        }
        catch (OperationCanceledException)
        {
            return; // another key came
        }
        Search = value;
        items = [];
        await ReloadAsync();
    }

    /// <summary>The row the keyboard is on, if any.</summary>
    public InboxItem? SelectedItem => Selected >= 0 && Selected < items.Count ? items[Selected] : null;

    /// <summary>Moves the keyboard's row one down or up, staying within the rows; none selected goes to the first.</summary>
    /// <returns>The row now selected; null when there are no rows.</returns>
    public InboxItem? MoveSelection(bool down)
    {
        if (items.Count == 0)
            return null;
        Selected = down ? Math.Min(Selected + 1, items.Count - 1) : Math.Max(Selected - 1, 0);
        return items[Selected];
    }

    private SearchInbox Query(int limit, string? cursor) => new(workspaceId, userId, Status, Channel, Assignee, Search, limit, cursor, Snoozed);

    /// <summary>A search still waiting for typing to pause is dropped with the page.</summary>
    public void Dispose() => typing?.Cancel();
}
