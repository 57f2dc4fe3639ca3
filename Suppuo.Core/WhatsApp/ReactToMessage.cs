using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp.CloudApi;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// W22: an agent reacts to a customer's WhatsApp message with <see cref="Emoji"/> (`""` removes the reaction). Only the
/// Cloud API takes reactions; on a Twilio number this is a conflict saying so. The badge shows at once; a send Meta
/// refuses is logged and never a delivery failure of the thread.
/// </summary>
public sealed record ReactToMessage(int WorkspaceId, int MessageId, string? AgentUserId, string Emoji) : IRequest;

public sealed class ReactToMessageHandler(SuppuoDbContext db, GraphApi graph, SecretProtector secrets, IMediator mediator, TimeProvider clock,
    ILogger<ReactToMessageHandler> logger) : IRequestHandler<ReactToMessage, Unit>
{
    public async Task<Unit> Handle(ReactToMessage request, CancellationToken cancellationToken)
    {
        var emoji = (request.Emoji ?? "").Trim();
        if (emoji.Length > MessageReaction.EmojiMaxLength)
            throw new ValidationFailedException("emoji", $"Must be one emoji (at most {MessageReaction.EmojiMaxLength} characters), or \"\" to remove the reaction.");
        var message = await db.Messages.Include(m => m.Ticket).Include(m => m.Reactions)
                .SingleOrDefaultAsync(m => m.Id == request.MessageId && m.Ticket.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Message {request.MessageId} was not found.");
        if (message.Author != MessageAuthor.Requester || message.ConnectionId is not { } connectionId || message.ProviderMessageId is null)
            throw new ConflictException("Only a customer's WhatsApp message can take a reaction.");
        var connection = await db.WhatsAppConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new ConflictException("The WhatsApp number this message arrived on was disconnected: reconnect it to react.");
        if (connection.Provider != WhatsAppProvider.Cloud)
            throw new ConflictException("Twilio does not support WhatsApp reactions: react on a Cloud API number, or answer with a reply.");
        var to = message.Ticket.RequesterPhone?.TrimStart('+') ?? message.Ticket.RequesterWhatsAppId
            ?? throw new ConflictException("This ticket has no WhatsApp customer to react to.");

        var mine = message.Reactions.SingleOrDefault(r => r.By == ReactionBy.Agent);
        if (emoji.Length == 0 && mine is not null)
            db.Reactions.Remove(mine);
        else if (emoji.Length > 0 && mine is null)
            message.Reactions.Add(new MessageReaction { By = ReactionBy.Agent, Emoji = emoji, AuthorUserId = request.AgentUserId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        else if (mine is not null)
        {
            mine.Emoji = emoji;
            mine.AuthorUserId = request.AgentUserId;
            mine.CreatedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(cancellationToken);
        await mediator.Publish(new MessageChanged(request.WorkspaceId, message.TicketId, message.Id), CancellationToken.None);

        try
        {
            await graph.SendReactionAsync(connection.PhoneNumberId!, secrets.Unprotect(connection.EncryptedToken!), to, message.ProviderMessageId, emoji,
                $"reaction:{message.Id}", cancellationToken);
        }
        catch (Exception error) when (error is GraphApiException or GraphUnavailableException)
        {
            logger.LogWarning(error, "Meta did not take the reaction {Emoji} to message {MessageId}", emoji, message.Id);
        }
        return Unit.Value;
    }
}
