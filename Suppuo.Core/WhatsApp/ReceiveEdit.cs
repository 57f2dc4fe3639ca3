using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// W22: the customer edited (<see cref="NewText"/>) or deleted (<see cref="Revoked"/>) one of their messages, named by
/// the provider's id. It changes that message in place — never a message of its own, never a status change.
/// </summary>
public sealed record ReceiveEdit(int WorkspaceId, int ConnectionId, string TargetProviderMessageId, string? NewText, bool Revoked, DateTime? SentAt)
    : IRequest<ReactionOutcome>;

public sealed class ReceiveEditHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock, ILogger<ReceiveEditHandler> logger)
    : IRequestHandler<ReceiveEdit, ReactionOutcome>
{
    public async Task<ReactionOutcome> Handle(ReceiveEdit request, CancellationToken cancellationToken)
    {
        // One lookup down the provider-id index: O(1) per edit, off the ingest writer.
        var message = await db.Messages
            .Where(m => m.ProviderMessageId == request.TargetProviderMessageId && m.ConnectionId != null && m.Author == MessageAuthor.Requester
                && m.Ticket.WorkspaceId == request.WorkspaceId)
            .FirstOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            logger.LogWarning("An {Change} on connection {ConnectionId} names message {TargetId}, which Suppuo never stored",
                request.Revoked ? "delete" : "edit", request.ConnectionId, request.TargetProviderMessageId);
            return ReactionOutcome.UnknownMessage;
        }

        var at = request.SentAt ?? clock.GetUtcNow().UtcDateTime;
        // W7: Meta's retries find the change already made and change nothing.
        if (request.Revoked)
        {
            if (message.DeletedAt is not null)
                return ReactionOutcome.Unchanged;
            message.DeletedAt = at;
        }
        else
        {
            var text = TextBounds.Cut((request.NewText ?? "").Trim(), Message.BodyMaxLength);
            if (text == message.Body || (message.EditedAt is { } edited && edited > at))
                return ReactionOutcome.Unchanged;
            message.OriginalBody ??= message.Body;
            message.Body = text;
            message.EditedAt = at;
        }
        await db.SaveChangesAsync(cancellationToken);
        await mediator.Publish(new MessageChanged(request.WorkspaceId, message.TicketId, message.Id), CancellationToken.None);
        return ReactionOutcome.Applied;
    }
}
