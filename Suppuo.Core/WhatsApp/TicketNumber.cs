using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.WhatsApp;

/// <summary>The number a WhatsApp ticket is opened on or moved to, named by a connection (W19).</summary>
public static class TicketNumber
{
    /// <summary>
    /// The number <paramref name="connectionId"/> carries. Another workspace's connection reads as one that does not
    /// exist (never confirm it does); a disconnected one is refused, naming the field.
    /// </summary>
    public static async Task<BusinessNumber> OfConnectionAsync(SuppuoDbContext db, int workspaceId, int connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.Id == connectionId && c.WorkspaceId == workspaceId)
            .Select(c => new { c.DisconnectedAt, c.Label, c.BusinessNumberId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Channel {connectionId} was not found. GET /api/v1/channels lists this workspace's numbers.");
        if (connection.DisconnectedAt is not null || connection.BusinessNumberId is not { } numberId)
            throw new ValidationFailedException("connectionId", $"Channel {connectionId} ({connection.Label}) is disconnected: pick a connected number (GET /api/v1/channels).");
        return await db.BusinessNumbers.SingleAsync(n => n.Id == numberId, cancellationToken);
    }

    /// <summary>The workspace's default number, for a WhatsApp ticket that names none; null when nothing is connected.</summary>
    public static async Task<BusinessNumber?> DefaultAsync(SuppuoDbContext db, int workspaceId, CancellationToken cancellationToken) =>
        await ReplyConnection.DefaultOfWorkspaceAsync(db, workspaceId, cancellationToken) is { BusinessNumberId: { } numberId }
            ? await db.BusinessNumbers.SingleAsync(n => n.Id == numberId, cancellationToken)
            : null;
}
