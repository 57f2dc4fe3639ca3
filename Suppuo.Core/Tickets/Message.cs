using Suppuo.Core.Attachments;
using Suppuo.Core.Delivery;

namespace Suppuo.Core.Tickets;

/// <summary>`System`: what Suppuo or the provider reports in the thread — an unsupported edit, an identity change (W22).</summary>
public enum MessageAuthor { Requester, Agent, Automation, System }

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
    /// <summary>W22: what the customer sent — a location, contacts, a button tap … — rather than how its text reads.</summary>
    public MessageKind Kind { get; set; } = MessageKind.Text;
    public string? AuthorUserId { get; set; }
    /// <summary>The WhatsApp connection an inbound message arrived on; with <see cref="ProviderMessageId"/> it makes ingest exactly-once (W7).</summary>
    public int? ConnectionId { get; set; }
    public string? ProviderMessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>W22: the message this one quotes (the customer's swipe-reply, or an agent's "Reply to").</summary>
    public int? ReplyToMessageId { get; set; }
    /// <summary>W22: when the customer last edited it; <see cref="OriginalBody"/> keeps what it said first.</summary>
    public DateTime? EditedAt { get; set; }
    public string? OriginalBody { get; set; }
    /// <summary>W22: when the customer deleted it; agents still see the text, struck through, for the record.</summary>
    public DateTime? DeletedAt { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
    /// <summary>W22: at most one emoji from the customer and one from the business.</summary>
    public List<MessageReaction> Reactions { get; set; } = [];
    /// <summary>The WhatsApp messages this one goes out as: its text and each of its files (W11, W14). Empty when not sent over WhatsApp.</summary>
    public List<OutboundDelivery> Deliveries { get; set; } = [];
}
