using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Automation;

/// <summary>
/// How Suppuo itself writes to a customer (auto-replies, rating requests): an automation message that changes no
/// status (T3), saved with its WhatsApp outbox row like any public reply (W13), mailed through MessageAdded.
/// </summary>
internal static class AutomationMessage
{
    /// <param name="services">A scope whose DbContext tracks <paramref name="ticket"/>.</param>
    public static async Task<Message> PostAsync(IServiceProvider services, Ticket ticket, string body, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SuppuoDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var message = new Message { Author = MessageAuthor.Automation, Body = body, CreatedAt = now };
        ticket.Messages.Add(message);
        ticket.OnAutomationMessage(now); // T3: no status change
        if (await WhatsAppConnectionAsync(db, ticket, now, cancellationToken) is { } connection)
            WhatsApp.ReplyConnection.Queue(message, ticket.WorkspaceId, connection, now); // W19: from the ticket's own number
        await db.SaveChangesAsync(cancellationToken);
        if (message.Deliveries.Count > 0)
            services.GetRequiredService<Delivery.DeliverySignal>().Wake();
        await services.GetRequiredService<IMediator>().Publish(new MessageAdded(ticket.WorkspaceId, ticket.Id, message.Id, message.Author), cancellationToken);
        return message;
    }

    /// <summary>
    /// The connection to send through, if any. W13: over WhatsApp like any public reply, saved with the message so it
    /// is never lost — but only inside the 24-hour window the customer opened (W15), and never to the workspace's own number.
    /// </summary>
    private static async Task<WhatsApp.WhatsAppConnection?> WhatsAppConnectionAsync(SuppuoDbContext db, Ticket ticket, DateTime now, CancellationToken cancellationToken)
    {
        if (ticket.Channel != TicketChannel.WhatsApp || (ticket.RequesterPhone ?? ticket.RequesterWhatsAppId) is null)
            return null;
        var customerLastWroteAt = await db.Messages.Where(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Requester)
            .MaxAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        if (!WhatsApp.CustomerServiceWindow.IsOpen(customerLastWroteAt, now))
            return null;
        var connection = await WhatsApp.ReplyConnection.OfTicketAsync(db, ticket, cancellationToken);
        if (connection is null || connection.PhoneNumber == ticket.RequesterPhone)
            return null;
        return connection;
    }
}
