namespace Suppuo.Core.Tickets;

public enum ReactionBy { Requester, Agent }

/// <summary>
/// An emoji on a message (W22): the customer's, or the business's sent by an agent. WhatsApp keeps one reaction per
/// side and message, so a new one replaces the old and an empty one removes it. Never a message of the thread: it
/// changes no status and reopens nothing.
/// </summary>
public class MessageReaction
{
    public const int EmojiMaxLength = 32;

    public int Id { get; set; }
    public int MessageId { get; set; }
    public Message Message { get; set; } = null!;
    public ReactionBy By { get; set; }
    public string Emoji { get; set; } = "";
    /// <summary>The agent who reacted; null for the customer.</summary>
    public string? AuthorUserId { get; set; }
    /// <summary>The provider's time of the reaction: a late retry of an older one never replaces a newer (W7).</summary>
    public DateTime CreatedAt { get; set; }
}
