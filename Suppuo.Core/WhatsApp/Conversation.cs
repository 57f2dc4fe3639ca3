namespace Suppuo.Core.WhatsApp;

/// <summary>
/// One row per (workspace, requester identity). Ingest takes it before choosing a ticket, so concurrent first
/// messages from one customer make one ticket (W5, W7). A lock, not a pointer to a ticket.
/// </summary>
public class Conversation
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>The phone in E.164, or "wa:" + the WhatsApp user id (W18).</summary>
    public string RequesterKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
