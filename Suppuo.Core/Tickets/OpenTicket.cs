using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>
/// A ticket as its page shows it: only the latest messages, since mapping a long thread whole made a busy ticket slow
/// to open (bench: 500 messages). With <paramref name="From"/>, every message from there on instead: the page refreshes
/// what it already holds, older pages it fetched included, and sees new ones.
/// </summary>
public sealed record OpenTicket(int WorkspaceId, int TicketId, MessageCursor? From = null) : IRequest<OpenedTicket>
{
    /// <summary>How many messages the page shows at first, and how many more each "Show earlier messages" adds.</summary>
    public const int PageSize = 50;
}

/// <param name="Ticket">With the messages asked for, oldest first.</param>
/// <param name="CustomerLastWroteAt">
/// The customer's last message, which opens WhatsApp's 24-hour window (W15): read on its own, since it may be older
/// than every message shown.
/// </param>
public sealed record OpenedTicket(TicketDto Ticket, bool HasEarlierMessages, DateTime? CustomerLastWroteAt);

public sealed class OpenTicketHandler(SuppuoDbContext db) : IRequestHandler<OpenTicket, OpenedTicket>
{
    public async Task<OpenedTicket> Handle(OpenTicket request, CancellationToken cancellationToken)
    {
        var ticket = await db.TicketAsync(request.WorkspaceId, request.TicketId, cancellationToken);
        var thread = db.Messages.Where(m => m.TicketId == ticket.Id);

        List<Message> messages;
        bool hasEarlier;
        if (request.From is { } from)
        {
            messages = await thread.Where(m => m.CreatedAt > from.CreatedAt || (m.CreatedAt == from.CreatedAt && m.Id >= from.Id))
                .WithParts().OldestFirst().ToListAsync(cancellationToken);
            hasEarlier = await thread.Before(from).AnyAsync(cancellationToken);
        }
        else
            (messages, hasEarlier) = await thread.LatestAsync(OpenTicket.PageSize, cancellationToken);

        var customerLastWroteAt = await thread.Where(m => m.Author == MessageAuthor.Requester)
            .MaxAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        return new OpenedTicket(ticket.ToDto(messages), hasEarlier, customerLastWroteAt);
    }
}
