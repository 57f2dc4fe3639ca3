using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.Automation;

/// <summary>
/// CSAT: when a ticket is resolved, the customer is asked to rate it on the status page, through the ticket's own
/// channel — an automation message (T3: no status change) that goes out over WhatsApp like a reply, inside the 24-hour
/// window only (W13, W15), and by email through MessageAdded like any public message. Once per resolution; never for
/// a ticket already rated. Like the auto-reply it runs in its own scope and only logs its errors.
/// </summary>
public sealed class AskForRating(IServiceScopeFactory scopes, ILogger<AskForRating> logger) : INotificationHandler<TicketStatusChanged>
{
    public async Task Handle(TicketStatusChanged changed, CancellationToken cancellationToken)
    {
        if (changed.To != TicketStatus.Resolved)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<SuppuoDbContext>();
            var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == changed.TicketId && t.WorkspaceId == changed.WorkspaceId, cancellationToken);
            if (ticket is null || ticket.CsatRating is not null)
                return;
            // Asked already since the customer last wrote: resolving again after a status flip does not ask twice.
            var words = CustomerText.For(await db.Workspaces.Where(w => w.Id == ticket.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken));
            // Asked in either language: the workspace may have changed its language since.
            var english = CustomerText.For(Languages.English).RatingQuestion;
            var indonesian = CustomerText.For(Languages.Indonesian).RatingQuestion;
            var lastCustomerMessage = await db.Messages.Where(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Requester)
                .MaxAsync(m => (DateTime?)m.CreatedAt, cancellationToken) ?? DateTime.MinValue;
            if (await db.Messages.AnyAsync(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Automation
                    && (m.Body.StartsWith(english) || m.Body.StartsWith(indonesian)) && m.CreatedAt >= lastCustomerMessage, cancellationToken))
                return;

            var statusUrl = services.GetRequiredService<CustomerLinks>().StatusPage(ticket.StatusToken);
            await AutomationMessage.PostAsync(services, ticket, words.RatingRequest(statusUrl), cancellationToken);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not ask for a rating on ticket {TicketId}", changed.TicketId);
        }
    }
}
