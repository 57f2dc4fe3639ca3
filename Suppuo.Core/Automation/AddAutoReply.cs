using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Automation;

/// <summary>
/// An auto-reply was added to a new ticket. On WhatsApp tickets it was queued in the outbox with the message (W13);
/// email needs nothing more: the <see cref="MessageAdded"/> published alongside mails it like any public reply.
/// </summary>
public sealed record AutoReplyAdded(int WorkspaceId, int TicketId, int MessageId) : INotification;

/// <summary>
/// W13: a new ticket gets the workspace's auto-reply as an automation message. Only <see cref="TicketCreated"/>
/// triggers it, never a message, so an auto-reply can never answer an auto-reply (no loops). It runs in its own
/// scope and only logs its errors: a broken auto-reply never fails the ticket's creation or the webhook.
/// </summary>
public sealed class AddAutoReply(IServiceScopeFactory scopes, ILogger<AddAutoReply> logger) : INotificationHandler<TicketCreated>
{
    public async Task Handle(TicketCreated created, CancellationToken cancellationToken)
    {
        if (!created.MayAutoReply)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<SuppuoDbContext>();
            var settings = await db.AutoReplySettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == created.WorkspaceId, cancellationToken);
            if (settings is not { Enabled: true } || settings.Text?.Trim() == "")
                return;
            var words = CustomerText.For(await db.Workspaces.Where(w => w.Id == created.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken));
            var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == created.TicketId && t.WorkspaceId == created.WorkspaceId, cancellationToken);
            // Once per ticket, even if the event were delivered twice.
            if (ticket is null || await db.Messages.AnyAsync(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Automation, cancellationToken))
                return;

            var statusUrl = services.GetRequiredService<CustomerLinks>().StatusPage(ticket.StatusToken);
            var message = await AutomationMessage.PostAsync(services, ticket,
                // Never changed by the admin: the default in the workspace's language of today (W24).
                AutoReplyText.Render(AutoReplyText.IsDefault(settings.Text) ? words.DefaultAutoReply : settings.Text!, ticket.Id, ticket.RequesterName, statusUrl, words), cancellationToken);
            await services.GetRequiredService<IMediator>().Publish(new AutoReplyAdded(ticket.WorkspaceId, ticket.Id, message.Id), cancellationToken);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not add the auto-reply to ticket {TicketId}", created.TicketId);
        }
    }
}
