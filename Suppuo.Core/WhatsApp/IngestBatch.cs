using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// One batch of the ingest writer: what it read from the database — with a few queries for the whole batch instead of
/// a few per message, because the writer is the one thread every inbound message waits for (bench: ingest) — and the
/// rows it decided to write. An <see cref="IIngestStore"/> fills the first part and writes the second.
/// </summary>
internal sealed class IngestBatch(IReadOnlyList<ReceiveWhatsAppMessage> messages)
{
    public IReadOnlyList<ReceiveWhatsAppMessage> Messages { get; } = messages;

    // Read from the database.

    /// <summary>The batch's connections that are still connected (W2), with the number each carries and its default assignee (W19).</summary>
    public Dictionary<int, ConnectionRoute> LiveConnections { get; } = [];
    /// <summary>The batch's connections whose workspace has its auto-reply on, read in the transaction that creates their tickets (W13).</summary>
    public HashSet<int> AutoReplyConnections { get; } = [];
    /// <summary>Messages already stored, by workspace and provider id (W7).</summary>
    public Dictionary<(int WorkspaceId, string ProviderMessageId), StoredMessage> Stored { get; } = [];
    /// <summary>W22: the messages the batch's messages quote, by workspace and provider id — the customer's or our replies.</summary>
    public Dictionary<(int WorkspaceId, string ProviderMessageId), int> Quoted { get; } = [];
    /// <summary>Customers who have a conversation row with a number (stored, or added by this batch).</summary>
    public HashSet<CustomerOfNumber> Conversations { get; } = [];
    /// <summary>The customers' non-closed tickets, by phone or by WhatsApp user id (W5, W18).</summary>
    public List<Ticket> OpenTickets { get; } = [];

    // Decided by the writer, for the store to write.

    public List<CustomerOfNumber> NewConversations { get; } = [];
    public List<Ticket> NewTickets { get; } = [];
    public List<Message> NewMessages { get; } = [];
    /// <summary>Stored tickets that got a message: status and times changed.</summary>
    public HashSet<Ticket> ChangedTickets { get; } = [];
    /// <summary>Stored tickets that learnt the customer's phone, user id or name (W18).</summary>
    public HashSet<Ticket> ChangedRequesters { get; } = [];
    /// <summary>Connections whose "last inbound" time moves to this batch.</summary>
    public HashSet<int> ReceivingConnections { get; } = [];

    // The writer's own bookkeeping within the batch.

    public Dictionary<CustomerOfNumber, Ticket> TicketsByCustomer { get; } = [];
    public Dictionary<(int ConnectionId, string ProviderMessageId), Message> MessagesById { get; } = [];

    public IEnumerable<int> WorkspaceIds => Messages.Select(m => m.WorkspaceId).Distinct();
    public IEnumerable<int> ConnectionIds => Messages.Select(m => m.ConnectionId).Distinct();
    public IEnumerable<string> ProviderMessageIds => Messages.Select(m => m.ProviderMessageId).Distinct();
    public IEnumerable<string> QuotedIds => Messages.Where(m => m.QuotedProviderMessageId != null).Select(m => m.QuotedProviderMessageId!).Distinct();
    /// <summary>The customers of the batch's messages on still-connected numbers: known once <see cref="LiveConnections"/> is read.</summary>
    public IEnumerable<CustomerOfNumber> Customers => Messages.Where(m => LiveConnections.ContainsKey(m.ConnectionId)).Select(CustomerOf).Distinct();

    /// <summary>W19: the conversation is per (workspace, business number, customer).</summary>
    public CustomerOfNumber CustomerOf(ReceiveWhatsAppMessage message) => new(message.WorkspaceId, NumberOf(message), message.RequesterKey);

    public int NumberOf(ReceiveWhatsAppMessage message) => LiveConnections[message.ConnectionId].NumberId;
    public IEnumerable<(int WorkspaceId, string Phone)> Phones =>
        Messages.Where(m => m.FromPhone != null).Select(m => (m.WorkspaceId, m.FromPhone!)).Distinct();
    public IEnumerable<(int WorkspaceId, string UserId)> UserIds =>
        Messages.Where(m => m.FromUserId != null).Select(m => (m.WorkspaceId, m.FromUserId!)).Distinct();

    /// <summary>
    /// W5: the customer's most recently active non-closed ticket on the number written to (W19), by phone — or by WhatsApp
    /// user id when there is no phone (W18). A ticket on no number (another channel's, with the customer's phone) is any number's.
    /// </summary>
    public Ticket? OpenTicketOf(ReceiveWhatsAppMessage message, int numberId) => OpenTickets
        .Where(t => t.WorkspaceId == message.WorkspaceId && (t.BusinessNumberId == numberId || t.BusinessNumberId == null))
        .Where(t => message.FromPhone is { } phone
            ? t.RequesterPhone == phone || (message.FromUserId != null && t.RequesterPhone == null && t.RequesterWhatsAppId == message.FromUserId)
            : t.RequesterWhatsAppId == message.FromUserId)
        .OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id)
        .FirstOrDefault();
}

internal sealed record StoredMessage(int Id, int TicketId, TicketStatus Status);

/// <summary>A connection as ingest reads it: the business number it carries (0 for a row never linked to one) and its default assignee.</summary>
internal sealed record ConnectionRoute(int NumberId, string? DefaultAssigneeId);

/// <summary>The conversation key (W19): one customer writing to one number of one workspace.</summary>
internal readonly record struct CustomerOfNumber(int WorkspaceId, int NumberId, string RequesterKey);

/// <summary>
/// Reads what a batch needs, lets the writer decide, writes the decision and commits, all in one transaction. SQLite
/// has its own store on one long-lived connection; every other database goes through EF.
/// </summary>
internal interface IIngestStore : IAsyncDisposable
{
    Task WriteAsync(IngestBatch batch, DateTime now, Action decide);
}
