using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.WhatsApp;

/// <summary>A workspace's WhatsApp connections; the most recently connected one sends replies (W2).</summary>
public sealed record ListChannels(int WorkspaceId) : IRequest<IReadOnlyList<ConnectionDto>>;

public sealed class ListChannelsHandler(SuppuoDbContext db) : IRequestHandler<ListChannels, IReadOnlyList<ConnectionDto>>
{
    public async Task<IReadOnlyList<ConnectionDto>> Handle(ListChannels request, CancellationToken cancellationToken)
    {
        var connections = await db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.WorkspaceId == request.WorkspaceId)
            .OrderByDescending(c => c.ConnectedAt).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        return connections.Select((c, index) => c.ToDto(activeForReplies: index == 0)).ToList();
    }
}
