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
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<SuppuoDbContext>();
            var settings = await db.AutoReplySettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == created.WorkspaceId, cancellationToken);
            if (settings is not { Enabled: true } || string.IsNullOrWhiteSpace(settings.Text))
                return;
            var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == created.TicketId && t.WorkspaceId == created.WorkspaceId, cancellationToken);
            // Once per ticket, even if the event were delivered twice.
            if (ticket is null || await db.Messages.AnyAsync(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Automation, cancellationToken))
                return;

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var statusUrl = services.GetRequiredService<IPublicUrls>().Absolute("/status/" + ticket.StatusToken);
            var message = new Message
            {
                Author = MessageAuthor.Automation,
                Body = AutoReplyText.Render(settings.Text, ticket.Id, ticket.RequesterName, statusUrl),
                CreatedAt = now,
            };
            ticket.Messages.Add(message);
            ticket.OnAutomationMessage(now); // T3: no status change
            message.Delivery = await WhatsAppDeliveryAsync(db, ticket, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (message.Delivery is not null)
                services.GetRequiredService<Delivery.DeliverySignal>().Wake();

            var mediator = services.GetRequiredService<IMediator>();
            await mediator.Publish(new MessageAdded(ticket.WorkspaceId, ticket.Id, message.Id), cancellationToken);
            await mediator.Publish(new AutoReplyAdded(ticket.WorkspaceId, ticket.Id, message.Id), cancellationToken);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not add the auto-reply to ticket {TicketId}", created.TicketId);
        }
    }

    /// <summary>
    /// W13: over WhatsApp like any public reply, saved with the message so it is never lost — but only inside the
    /// 24-hour window the customer opened (W15), and never to the workspace's own number.
    /// </summary>
    internal static async Task<Delivery.OutboundDelivery?> WhatsAppDeliveryAsync(SuppuoDbContext db, Ticket ticket, DateTime now, CancellationToken cancellationToken)
    {
        if (ticket.Channel != TicketChannel.WhatsApp || (ticket.RequesterPhone ?? ticket.RequesterWhatsAppId) is null)
            return null;
        var customerWroteRecently = await db.Messages.AnyAsync(
            m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Requester && m.CreatedAt > now.AddHours(-24), cancellationToken);
        if (!customerWroteRecently)
            return null;
        var connection = await WhatsApp.ReplyConnection.OfWorkspaceAsync(db, ticket.WorkspaceId, cancellationToken);
        if (connection is null || connection.PhoneNumber == ticket.RequesterPhone)
            return null;
        return Delivery.OutboundDelivery.Queue(ticket.WorkspaceId, connection.Id, now);
    }
}
