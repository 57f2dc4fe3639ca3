using System.Globalization;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;
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

    /// <summary>W19: the connection whose number the inbox shows, or null for every number.</summary>
    public int? ConnectionId { get; private set; }

    /// <summary>
    /// W19: the workspace's connected numbers to filter by, one per number (a number connected through both providers is
    /// one), by the connection that carries it; empty while the workspace has fewer than two, when neither the filter
    /// nor the rows' labels would tell the agent anything.
    /// </summary>
    public IReadOnlyList<ConnectionDto> Numbers { get; private set; } = [];

    private Dictionary<int, string> numberLabels = [];

    /// <summary>The row the keyboard is on; -1 for none.</summary>
    public int Selected { get; private set; } = -1;

    public bool Loading { get; private set; }

    /// <summary>When the rows were loaded: their "how long ago" is counted to this.</summary>
    public DateTime LoadedAt { get; private set; }

    public CsatSummary? Csat { get; private set; }

    public bool IsFiltered => Channel is not null || ConnectionId is not null || Assignee != AssigneeFilter.Anyone || !string.IsNullOrWhiteSpace(Search) || Status is not null;

    /// <summary>The channel filter's value as its select holds it: "" for every channel.</summary>
    public string ChannelOption => Channel?.ToString() ?? "";

    /// <summary>The number filter's value as its select holds it: "" for every number.</summary>
    public string NumberOption => ConnectionId?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>The label of the number a row is on, when the workspace has several; null otherwise.</summary>
    public string? NumberLabelOf(InboxItem item) =>
        Numbers.Count > 1 && item.BusinessNumberId is { } id ? numberLabels.GetValueOrDefault(id) : null;

    /// <summary>
    /// A tab's count. A search, or a number, with too many tickets to count says so on "All" and leaves the status tabs without a number
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
        await LoadNumbersAsync();
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

    /// <param name="value">The id of one of <see cref="Numbers"/>, or "" for every number.</param>
    public async Task ShowNumberAsync(string? value)
    {
        ConnectionId = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        items = [];
        Selected = -1;
        await ReloadAsync();
    }

    private async Task LoadNumbersAsync()
    {
        // Disconnected ones too: their tickets stay in the inbox and still say which number they were written to.
        var connections = await sender.Send(new ListChannels(workspaceId, IncludeDisconnected: true));
        // ListChannels puts connected ones first; within a number, the one that carries it now is the most recently connected.
        var byNumber = connections.Where(c => c.BusinessNumberId is not null)
            .GroupBy(c => c.BusinessNumberId!.Value)
            .Select(g => g.OrderBy(c => c.IsConnected ? 0 : 1).ThenByDescending(c => c.ConnectedAt).First())
            .ToList();
        numberLabels = byNumber.ToDictionary(c => c.BusinessNumberId!.Value, c => ChannelLabel.Or(c.Label, c.DisplayNumber));
        var connected = byNumber.Where(c => c.IsConnected).ToList();
        Numbers = connected.Count > 1 ? connected.OrderByDescending(c => c.IsDefault).ThenBy(c => c.ConnectedAt).ToList() : [];
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

    private SearchInbox Query(int limit, string? cursor) => new(workspaceId, userId, Status, Channel, Assignee, Search, limit, cursor, ConnectionId, Snoozed);

    /// <summary>A search still waiting for typing to pause is dropped with the page.</summary>
    public void Dispose() => typing?.Cancel();
}
