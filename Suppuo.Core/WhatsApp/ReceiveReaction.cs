using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// A customer's reaction to a message (W22): <see cref="TargetProviderMessageId"/> is the provider's id of the message
/// reacted to (the customer's own or one of our replies), <see cref="Emoji"/> null or empty when the reaction was
/// removed. It attaches to that message — never a message of its own, never a status change.
/// </summary>
public sealed record ReceiveReaction(int WorkspaceId, int ConnectionId, string TargetProviderMessageId, string? Emoji, DateTime? SentAt)
    : IRequest<ReactionOutcome>;

public enum ReactionOutcome { Applied, Unchanged, UnknownMessage }

public sealed class ReceiveReactionHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock, ILogger<ReceiveReactionHandler> logger)
    : IRequestHandler<ReceiveReaction, ReactionOutcome>
{
    public async Task<ReactionOutcome> Handle(ReceiveReaction request, CancellationToken cancellationToken)
    {
        // Off the ingest writer: one indexed lookup by provider id (Messages.ProviderMessageId for the customer's own
        // messages, Deliveries.ProviderMessageId for our replies), then one row written — O(1) per reaction.
        var target = await db.Messages.AsNoTracking()
                .Where(m => m.ProviderMessageId == request.TargetProviderMessageId && m.ConnectionId != null && m.Ticket.WorkspaceId == request.WorkspaceId)
                .Select(m => new { m.Id, m.TicketId })
                .FirstOrDefaultAsync(cancellationToken)
            ?? await db.Deliveries.AsNoTracking()
                .Where(d => d.ProviderMessageId == request.TargetProviderMessageId && d.WorkspaceId == request.WorkspaceId)
                .Select(d => new { Id = d.MessageId, d.Message.TicketId })
                .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            logger.LogWarning("A reaction {Emoji} on connection {ConnectionId} names message {TargetId}, which Suppuo never stored; nothing shown",
                request.Emoji, request.ConnectionId, request.TargetProviderMessageId);
            return ReactionOutcome.UnknownMessage;
        }

        var at = request.SentAt ?? clock.GetUtcNow().UtcDateTime;
        var emoji = string.IsNullOrWhiteSpace(request.Emoji) ? null : TextBounds.Cut(request.Emoji.Trim(), MessageReaction.EmojiMaxLength);
        var existing = await db.Reactions.SingleOrDefaultAsync(r => r.MessageId == target.Id && r.By == ReactionBy.Requester, cancellationToken);
        // W7: a retry changes nothing, and a late retry of an older reaction never replaces a newer one.
        if (existing is not null && existing.CreatedAt > at)
            return ReactionOutcome.Unchanged;
        if (emoji is null)
        {
            if (existing is null)
                return ReactionOutcome.Unchanged;
            db.Reactions.Remove(existing);
        }
        else if (existing is null)
            db.Reactions.Add(new MessageReaction { MessageId = target.Id, By = ReactionBy.Requester, Emoji = emoji, CreatedAt = at });
        else if (existing.Emoji == emoji)
            return ReactionOutcome.Unchanged;
        else
        {
            existing.Emoji = emoji;
            existing.CreatedAt = at;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (UniqueViolation.Caused(error))
        {
            return ReactionOutcome.Unchanged; // the same reaction, stored a moment ago by a concurrent retry
        }
        await mediator.Publish(new MessageChanged(request.WorkspaceId, target.TicketId, target.Id), CancellationToken.None);
        return ReactionOutcome.Applied;
    }
}
