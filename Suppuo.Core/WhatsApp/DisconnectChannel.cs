using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// W2: a disconnected number routes nothing in and sends nothing out. W19: the connection is marked, never deleted, so
/// its tickets, their history and a later reconnect keep working; the default passes to the earliest connected of the rest.
/// </summary>
public sealed record DisconnectChannel(int WorkspaceId, int ChannelId) : IRequest<bool>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class DisconnectChannelHandler(SuppuoDbContext db, TwilioRoutes routes, TimeProvider clock) : IRequestHandler<DisconnectChannel, bool>
{
    public async Task<bool> Handle(DisconnectChannel request, CancellationToken cancellationToken)
    {
        var connection = await db.WhatsAppConnections
            .SingleOrDefaultAsync(c => c.Id == request.ChannelId && c.WorkspaceId == request.WorkspaceId && c.DisconnectedAt == null, cancellationToken)
            ?? throw new NotFoundException($"Channel {request.ChannelId} was not found.");
        connection.DisconnectedAt = clock.GetUtcNow().UtcDateTime;
        if (connection.IsDefault)
        {
            connection.IsDefault = false;
            await NumberLinks.PassDefaultAsync(db, connection.WorkspaceId, connection.Id, cancellationToken);
        }
        if (connection.BusinessNumberId is { } numberId)
            await NumberLinks.HandOverAsync(db, numberId, connection.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        routes.Forget();
        return true;
    }
}
