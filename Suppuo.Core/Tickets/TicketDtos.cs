using Suppuo.Core.Attachments;
using Suppuo.Core.Delivery;

namespace Suppuo.Core.Tickets;

/// <summary>
/// The ticket as the inbox and the API read it, in domain terms: the web layer spells it for the wire (docs/contract.md,
/// "/api/v1") and makes the status link from <see cref="StatusToken"/>.
/// </summary>
public sealed record TicketDto(
    int Id, string Subject, TicketStatus Status, TicketChannel Channel,
    string? RequesterName, string? RequesterEmail, string? RequesterPhone, string? RequesterWhatsAppId,
    string? AssigneeId, DateTime CreatedAt, DateTime UpdatedAt, DateTime LastMessageAt, string StatusToken,
    IReadOnlyList<MessageDto>? Messages = null, int? CsatRating = null, string? CsatComment = null, int? ConnectionId = null, DateTime? SnoozedUntil = null);

public sealed record MessageDto(
    int Id, int TicketId, MessageAuthor Author, bool Internal, string Body, DateTime CreatedAt,
    IReadOnlyList<AttachmentDto> Attachments, DeliveryDto? Delivery, string? AuthorUserId,
    MessageKind Kind = MessageKind.Text, IReadOnlyList<ReactionDto>? Reactions = null, int? ReplyToMessageId = null,
    DateTime? EditedAt = null, string? OriginalBody = null, DateTime? DeletedAt = null);

/// <summary>An emoji on a message (W22), the customer's or the business's.</summary>
public sealed record ReactionDto(string Emoji, ReactionBy By, DateTime CreatedAt);

/// <param name="Delivery">This file's own WhatsApp delivery, when it went out as a message of its own (W14).</param>
/// <param name="WhatsAppRefusal">Why this file of a WhatsApp reply was not sent over WhatsApp.</param>
public sealed record AttachmentDto(int Id, string FileName, string ContentType, long Size, AttachmentStatus Status, string? Error,
    DeliveryDto? Delivery = null, string? WhatsAppRefusal = null);

public sealed record DeliveryDto(DeliveryStatus Status, string? Error, DateTime UpdatedAt);

public static class TicketMapping
{
    public static TicketDto ToDto(this Ticket ticket, IEnumerable<Message>? messages = null) => new(
        ticket.Id, ticket.Subject, ticket.Status, ticket.Channel,
        ticket.RequesterName, ticket.RequesterEmail, ticket.RequesterPhone, ticket.RequesterWhatsAppId,
        ticket.AssigneeId, ticket.CreatedAt, ticket.UpdatedAt, ticket.LastMessageAt, ticket.StatusToken,
        messages?.Select(m => m.ToDto()).ToList(), ticket.CsatRating, ticket.CsatComment,
        ticket.ConnectionId, ticket.SnoozedUntil);

    public static MessageDto ToDto(this Message message) => new(
        message.Id, message.TicketId, message.Author, message.Internal, message.Body, message.CreatedAt,
        message.Attachments.OrderBy(a => a.Id)
            .Select(a => a.ToDto(message.Deliveries.SingleOrDefault(d => d.AttachmentId == a.Id)?.ToDto())).ToList(),
        DeliveryOf(message), message.AuthorUserId,
        message.Internal ? MessageKind.Note : message.Kind,
        message.Reactions.OrderBy(r => r.By).Select(r => new ReactionDto(r.Emoji, r.By, r.CreatedAt)).ToList(),
        message.ReplyToMessageId, message.EditedAt, message.OriginalBody, message.DeletedAt);

    public static AttachmentDto ToDto(this Attachment attachment, DeliveryDto? delivery = null) => new(
        attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size,
        attachment.Status, attachment.Error, delivery, attachment.WhatsAppRefusal);

    public static DeliveryDto ToDto(this OutboundDelivery delivery) => new(delivery.Status, delivery.Error, delivery.UpdatedAt);

    /// <summary>
    /// The message's delivery as a whole, when its text and files went as several WhatsApp messages (W14): failed if
    /// any part failed (naming the file), else queued while any part waits, else the least advanced of the rest.
    /// </summary>
    private static DeliveryDto? DeliveryOf(Message message)
    {
        var parts = message.Deliveries;
        if (parts.Count <= 1)
            return parts.SingleOrDefault()?.ToDto();
        var failed = parts.Where(d => d.Status == DeliveryStatus.Failed).OrderBy(d => d.Id).ToList();
        var status = failed.Count > 0 ? DeliveryStatus.Failed : parts.Min(d => d.Status);
        var error = failed.Count == 0 ? null : string.Join(" · ", failed.Select(d =>
            message.Attachments.FirstOrDefault(a => a.Id == d.AttachmentId) is { } file ? $"{file.FileName}: {d.Error}" : d.Error));
        return new DeliveryDto(status, error, parts.Max(d => d.UpdatedAt));
    }
}
