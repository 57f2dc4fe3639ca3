using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.CannedResponses;

/// <summary>A workspace's canned responses by shortcut; every agent may read and use them.</summary>
public sealed record ListCannedResponses(int WorkspaceId) : IRequest<IReadOnlyList<CannedResponseDto>>;

public sealed class ListCannedResponsesHandler(SuppuoDbContext db) : IRequestHandler<ListCannedResponses, IReadOnlyList<CannedResponseDto>>
{
    public async Task<IReadOnlyList<CannedResponseDto>> Handle(ListCannedResponses request, CancellationToken cancellationToken)
    {
        var all = await db.CannedResponses.AsNoTracking().Include(c => c.Files)
            .Where(c => c.WorkspaceId == request.WorkspaceId).OrderBy(c => c.Shortcut).ToListAsync(cancellationToken);
        return all.Select(c => c.ToDto()).ToList();
    }
}
