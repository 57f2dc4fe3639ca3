using Suppuo.Core.Attachments;
using Suppuo.Core.Delivery;

namespace Suppuo.Core.Tickets;

public enum MessageAuthor { Requester, Agent, Automation }

public class Message
{
    public const int BodyMaxLength = 50_000;
    public const int ProviderMessageIdMaxLength = 128;

    public int Id { get; set; }
    public int TicketId { get; set; }
    public Ticket Ticket { get; set; } = null!;
    public MessageAuthor Author { get; set; }
    /// <summary>An agent's internal note: never shown to or sent to the customer.</summary>
    public bool Internal { get; set; }
    public string Body { get; set; } = "";
    public string? AuthorUserId { get; set; }
    /// <summary>The WhatsApp connection an inbound message arrived on; with <see cref="ProviderMessageId"/> it makes ingest exactly-once (W7).</summary>
    public int? ConnectionId { get; set; }
    public string? ProviderMessageId { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
    /// <summary>The WhatsApp messages this one goes out as: its text and each of its files (W11, W14). Empty when not sent over WhatsApp.</summary>
    public List<OutboundDelivery> Deliveries { get; set; } = [];
}
