using MediatR;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The one path in (docs/decisions/002-group-commit-ingest.md): every inbound WhatsApp message — Twilio webhook, Cloud API webhook, back-fill —
/// becomes this request, already routed to its connection and authenticated. The customer is a phone (E.164) or,
/// with no number shared, a WhatsApp user id (W18). <see cref="SentAt"/> is the provider's own time of the message,
/// when known; <see cref="Backfilled"/> marks one found by the back-fill rather than delivered by a webhook;
/// <see cref="Kind"/> is what the customer sent and <see cref="QuotedProviderMessageId"/> the provider's id of the message
/// it replies to (W22).
/// </summary>
public sealed record ReceiveWhatsAppMessage(
    int WorkspaceId, int ConnectionId, string ProviderMessageId,
    string? FromPhone, string? FromUserId, string? ProfileName, string? Text,
    IReadOnlyList<InboundMedia> Media, DateTime? SentAt = null, bool Backfilled = false,
    MessageKind Kind = MessageKind.Text, string? QuotedProviderMessageId = null) : IRequest<IngestResult>
{
    /// <summary>
    /// The provider's ids cut to their columns (W26): PostgreSQL refuses a longer value, and the refused insert would fail
    /// every redelivery of the notification. Real ids are far shorter; only a hostile or broken sender is cut.
    /// </summary>
    public ReceiveWhatsAppMessage Bounded() => this with
    {
        ProviderMessageId = TextBounds.Cut(ProviderMessageId, Message.ProviderMessageIdMaxLength),
        FromUserId = TextBounds.CutOrNull(FromUserId, Ticket.RequesterWhatsAppIdMaxLength),
        QuotedProviderMessageId = TextBounds.CutOrNull(QuotedProviderMessageId, Message.ProviderMessageIdMaxLength),
    };

    /// <summary>The conversation key: one customer, one conversation lock per workspace.</summary>
    public string RequesterKey => FromPhone ?? "wa:" + FromUserId;
}

/// <summary>
/// What ingest did: the message's ticket and id, and whether it was a provider retry of a stored message.
/// <see cref="AutoReply"/>: a new ticket in a workspace whose auto-reply is on (W13).
/// </summary>
public sealed record IngestResult(int WorkspaceId, int TicketId, int MessageId, bool Duplicate, bool TicketCreated, TicketStatus? StatusBefore, TicketStatus StatusAfter, bool AutoReply = false);

public sealed class ReceiveWhatsAppMessageHandler(IngestWriter writer, IMediator mediator, MediaDownloadSignal media)
    : IRequestHandler<ReceiveWhatsAppMessage, IngestResult>
{
    public async Task<IngestResult> Handle(ReceiveWhatsAppMessage request, CancellationToken cancellationToken)
    {
        if (request.FromPhone is null && request.FromUserId is null)
            throw new ArgumentException("An inbound message needs the sender's phone or WhatsApp user id.", nameof(request));

        var result = await writer.WriteAsync(request.Bounded(), cancellationToken);
        if (result.Duplicate)
            return result;
        if (request.Media.Count > 0)
            media.Wake(); // W8: its files download after this answer, never before it

        // Committed: now tell the live inbox. A failing subscriber must not turn a stored message into an error.
        if (result.TicketCreated)
            await mediator.Publish(new TicketCreated(result.WorkspaceId, result.TicketId, RequesterHasEmail: false, MayAutoReply: result.AutoReply), CancellationToken.None);
        await mediator.Publish(new MessageAdded(result.WorkspaceId, result.TicketId, result.MessageId,
            request.Kind == MessageKind.System ? MessageAuthor.System : MessageAuthor.Requester), CancellationToken.None);
        if (result.StatusBefore is { } before && before != result.StatusAfter)
            await mediator.Publish(new TicketStatusChanged(result.WorkspaceId, result.TicketId, before, result.StatusAfter), CancellationToken.None);
        return result;
    }
}
