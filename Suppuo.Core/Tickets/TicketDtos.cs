using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Delivery;

namespace Suppuo.Core.Tickets;

/// <summary>The ticket as the API and the UI see it (API.md, "Ticket").</summary>
public sealed record TicketDto(
    int Id, string Subject, string Status, string Channel,
    string? RequesterName, string? RequesterEmail, string? RequesterPhone, string? RequesterWhatsAppId,
    string? AssigneeId, DateTime CreatedAt, DateTime UpdatedAt, DateTime LastMessageAt, string StatusUrl,
    IReadOnlyList<MessageDto>? Messages = null, int? CsatRating = null, string? CsatComment = null);

public sealed record MessageDto(
    int Id, int TicketId, string Author, bool Internal, string Body, DateTime CreatedAt,
    IReadOnlyList<AttachmentDto> Attachments, DeliveryDto? Delivery, string? AuthorUserId);

public sealed record AttachmentDto(int Id, string FileName, string ContentType, long Size, string Url, string Status, string? Error);

public sealed record DeliveryDto(string Status, string? Error, DateTime UpdatedAt);

public static class TicketMapping
{
    public static TicketDto ToDto(this Ticket ticket, IPublicUrls urls, IEnumerable<Message>? messages = null) => new(
        ticket.Id, ticket.Subject, ticket.Status.ToApi(), ticket.Channel.ToApi(),
        ticket.RequesterName, ticket.RequesterEmail, ticket.RequesterPhone, ticket.RequesterWhatsAppId,
        ticket.AssigneeId, ticket.CreatedAt, ticket.UpdatedAt, ticket.LastMessageAt,
        urls.Absolute("/status/" + ticket.StatusToken),
        messages?.Select(m => m.ToDto(urls)).ToList(), ticket.CsatRating, ticket.CsatComment);

    public static MessageDto ToDto(this Message message, IPublicUrls urls) => new(
        message.Id, message.TicketId, message.Author.ToApi(), message.Internal, message.Body, message.CreatedAt,
        message.Attachments.OrderBy(a => a.Id).Select(a => a.ToDto(urls)).ToList(),
        message.Delivery?.ToDto(), message.AuthorUserId);

    public static AttachmentDto ToDto(this Attachment attachment, IPublicUrls urls) => new(
        attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size,
        urls.Absolute($"/api/v1/attachments/{attachment.Id}"), attachment.Status.ToApi(), attachment.Error);

    public static DeliveryDto ToDto(this OutboundDelivery delivery) => new(delivery.Status.ToApi(), delivery.Error, delivery.UpdatedAt);
}
