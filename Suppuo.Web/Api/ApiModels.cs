using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Web.Api;

// The JSON of docs/contract.md ("/api/v1": Ticket, Message, Connection): camelCase by the host's defaults, enums as lowercase
// names, and absolute links where Core carries a token or an id.

public sealed record TicketJson(
    int Id, string Subject, string Status, string Channel,
    string? RequesterName, string? RequesterEmail, string? RequesterPhone, string? RequesterWhatsAppId,
    string? AssigneeId, DateTime CreatedAt, DateTime UpdatedAt, DateTime LastMessageAt, string StatusUrl,
    IReadOnlyList<MessageJson>? Messages, int? CsatRating, string? CsatComment, int? ConnectionId, object? SnoozedUntil);

public sealed record TicketPageJson(IReadOnlyList<TicketJson> Items, string? NextCursor);

public sealed record MessageJson(
    int Id, int TicketId, string Author, bool Internal, string Body, DateTime CreatedAt,
    IReadOnlyList<AttachmentJson> Attachments, DeliveryJson? Delivery, string? AuthorUserId,
    string Kind, IReadOnlyList<ReactionJson> Reactions, int? ReplyToMessageId,
    DateTime? EditedAt, DateTime? DeletedAt);

/// <summary>W22: `by` is "requester" or "agent".</summary>
public sealed record ReactionJson(string Emoji, string By, DateTime CreatedAt);

public sealed record AttachmentJson(int Id, string FileName, string ContentType, long Size, string Url, string Status, string? Error,
    DeliveryJson? Delivery, string? WhatsAppRefusal);

public sealed record DeliveryJson(string Status, string? Error, DateTime UpdatedAt);

public sealed record ConnectionJson(
    int Id, string Provider, string? PhoneNumber, string? PhoneNumberId, string WebhookUrl, string? VerifyToken,
    DateTime ConnectedAt, DateTime? LastInboundAt, bool ActiveForReplies, string Health, string? AccountSid, DateTime? VerifiedAt,
    BackfillDto? Backfill, string Label, bool IsDefault, string? DefaultAssigneeId, DateTime? DisconnectedAt);

public static class ApiJson
{
    public static TicketJson ToJson(this TicketDto ticket, PublicLinks links) => new(
        ticket.Id, ticket.Subject, ticket.Status.ToApi(), ticket.Channel.ToApi(),
        ticket.RequesterName, ticket.RequesterEmail, ticket.RequesterPhone, ticket.RequesterWhatsAppId,
        ticket.AssigneeId, ticket.CreatedAt, ticket.UpdatedAt, ticket.LastMessageAt, links.StatusPage(ticket.StatusToken),
        ticket.Messages?.Select(m => m.ToJson(links)).ToList(), ticket.CsatRating, ticket.CsatComment, ticket.ConnectionId, SnoozeJson(ticket.SnoozedUntil));

    /// <summary>W23: null, the time (UTC), or "customer-reply".</summary>
    public static object? SnoozeJson(DateTime? snoozedUntil) =>
        snoozedUntil is not { } until ? null : until == Ticket.UntilCustomerReplies ? "customer-reply" : until;

    public static TicketPageJson ToJson(this TicketPage page, PublicLinks links) =>
        new(page.Items.Select(t => t.ToJson(links)).ToList(), page.NextCursor);

    public static MessageJson ToJson(this MessageDto message, PublicLinks links) => new(
        message.Id, message.TicketId, message.Author.ToApi(), message.Internal, message.Body, message.CreatedAt,
        message.Attachments.Select(a => new AttachmentJson(a.Id, a.FileName, a.ContentType, a.Size, links.Attachment(a.Id),
            a.Status.ToApi(), a.Error, a.Delivery?.ToJson(), a.WhatsAppRefusal)).ToList(),
        message.Delivery?.ToJson(), message.AuthorUserId,
        message.Kind.ToApi(), (message.Reactions ?? []).Select(r => new ReactionJson(r.Emoji, r.By.ToApi(), r.CreatedAt)).ToList(),
        message.ReplyToMessageId, message.EditedAt, message.DeletedAt);

    public static DeliveryJson ToJson(this DeliveryDto delivery) => new(delivery.Status.ToApi(), delivery.Error, delivery.UpdatedAt);

    public static ConnectionJson ToJson(this ConnectionDto connection, PublicLinks links) => new(
        connection.Id, connection.Provider.ToApi(), connection.PhoneNumber, connection.PhoneNumberId, links.Webhook(connection.Provider),
        connection.VerifyToken, connection.ConnectedAt, connection.LastInboundAt, connection.ActiveForReplies, connection.Health,
        connection.AccountSid, connection.VerifiedAt, connection.Backfill,
        connection.Label, connection.IsDefault, connection.DefaultAssigneeId, connection.DisconnectedAt);
}
