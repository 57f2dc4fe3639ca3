using MediatR;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>The page of a thread just before <paramref name="Before"/> ("Show earlier messages"), oldest first.</summary>
public sealed record ListEarlierMessages(int WorkspaceId, int TicketId, MessageCursor Before) : IRequest<EarlierMessages>;

public sealed record EarlierMessages(IReadOnlyList<MessageDto> Messages, bool HasEarlier);

public sealed class ListEarlierMessagesHandler(SuppuoDbContext db) : IRequestHandler<ListEarlierMessages, EarlierMessages>
{
    public async Task<EarlierMessages> Handle(ListEarlierMessages request, CancellationToken cancellationToken)
    {
        var ticket = await db.TicketAsync(request.WorkspaceId, request.TicketId, cancellationToken);
        var (messages, hasEarlier) = await db.Messages.Where(m => m.TicketId == ticket.Id).Before(request.Before)
            .LatestAsync(OpenTicket.PageSize, cancellationToken);
        return new EarlierMessages(messages.Select(m => m.ToDto()).ToList(), hasEarlier);
    }
}
