using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.WhatsApp;

/// <summary>A workspace's WhatsApp numbers, default first, then as connected (W19); disconnected ones only when asked for.</summary>
public sealed record ListChannels(int WorkspaceId, bool IncludeDisconnected = false) : IRequest<IReadOnlyList<ConnectionDto>>;

public sealed class ListChannelsHandler(SuppuoDbContext db) : IRequestHandler<ListChannels, IReadOnlyList<ConnectionDto>>
{
    public async Task<IReadOnlyList<ConnectionDto>> Handle(ListChannels request, CancellationToken cancellationToken)
    {
        var connections = db.WhatsAppConnections.AsNoTracking().Where(c => c.WorkspaceId == request.WorkspaceId);
        if (!request.IncludeDisconnected)
            connections = connections.Where(c => c.DisconnectedAt == null);
        var list = await connections
            .OrderBy(c => c.DisconnectedAt != null).ThenByDescending(c => c.IsDefault).ThenBy(c => c.ConnectedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return list.Select(c => c.ToDto()).ToList();
    }
}
