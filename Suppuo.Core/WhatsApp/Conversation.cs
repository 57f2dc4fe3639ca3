namespace Suppuo.Core.WhatsApp;

/// <summary>
/// One row per (workspace, business number, requester identity) — a customer writing to two numbers has two (W19). Ingest takes it before choosing a ticket, so concurrent first
/// messages from one customer make one ticket (W5, W7). A lock, not a pointer to a ticket.
/// </summary>
public class Conversation
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>The <see cref="BusinessNumber"/> written to. No foreign key: the row is only a lock.</summary>
    public int BusinessNumberId { get; set; }
    /// <summary>The phone in E.164, or "wa:" + the WhatsApp user id (W18).</summary>
    public string RequesterKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
