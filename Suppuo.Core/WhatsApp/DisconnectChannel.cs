using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>W2: a disconnected number routes nothing in and sends nothing out. Its tickets and messages stay.</summary>
public sealed record DisconnectChannel(int WorkspaceId, int ChannelId) : IRequest<bool>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class DisconnectChannelHandler(SuppuoDbContext db, TwilioRoutes routes) : IRequestHandler<DisconnectChannel, bool>
{
    public async Task<bool> Handle(DisconnectChannel request, CancellationToken cancellationToken)
    {
        var removed = await db.WhatsAppConnections
            .Where(c => c.Id == request.ChannelId && c.WorkspaceId == request.WorkspaceId)
            .ExecuteDeleteAsync(cancellationToken);
        routes.Forget();
        return removed > 0 ? true : throw new NotFoundException($"Channel {request.ChannelId} was not found.");
    }
}
