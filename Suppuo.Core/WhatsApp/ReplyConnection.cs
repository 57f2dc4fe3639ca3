using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>Which connection a ticket's outbound WhatsApp messages leave through (W19).</summary>
public static class ReplyConnection
{
    /// <summary>The workspace's default number (W19): where API-created WhatsApp tickets go; null when it has none connected.</summary>
    public static Task<WhatsAppConnection?> DefaultOfWorkspaceAsync(SuppuoDbContext db, int workspaceId, CancellationToken cancellationToken) =>
        db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.IsDefault && c.DisconnectedAt == null)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// W19: the ticket's own number, through the connection that carries it now (or last did — then it is disconnected,
    /// and the caller fails the reply with <see cref="DisconnectedReason"/>). A WhatsApp ticket that belongs to no number
    /// yet (made through the API before any was connected) goes out through the default number.
    /// </summary>
    public static Task<WhatsAppConnection?> OfTicketAsync(SuppuoDbContext db, Ticket ticket, CancellationToken cancellationToken) =>
        ticket.BusinessNumberId is { } numberId
            ? db.WhatsAppConnections.AsNoTracking()
                .Where(c => db.BusinessNumbers.Any(n => n.Id == numberId && n.ConnectionId == c.Id))
                .FirstOrDefaultAsync(cancellationToken)
            : DefaultOfWorkspaceAsync(db, ticket.WorkspaceId, cancellationToken);

    public static string DisconnectedReason(WhatsAppConnection connection) =>
        $"Not sent: this ticket's number {connection.Label} ({connection.DisplayNumber}) was disconnected. Move the ticket to another number, then retry.";

    /// <summary>
    /// Queues a public message through the ticket's connection (W10, W14). Through a disconnected number it is saved
    /// all the same, its delivery `failed` with the reason, so nothing the agent wrote is lost and a retry after a move sends it.
    /// </summary>
    public static void Queue(Message message, int workspaceId, WhatsAppConnection connection, DateTime now)
    {
        OutboundDelivery.QueueAll(message, workspaceId, connection.Id, now);
        if (connection.IsConnected)
            return;
        foreach (var delivery in message.Deliveries)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.Error = DisconnectedReason(connection);
        }
    }
}
