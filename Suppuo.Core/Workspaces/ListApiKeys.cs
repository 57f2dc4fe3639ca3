using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The workspace's API keys, newest first, revoked ones included so an admin can see what was turned off.</summary>
public sealed record ListApiKeys(int WorkspaceId) : IRequest<IReadOnlyList<ApiKeyDto>>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class ListApiKeysHandler(SuppuoDbContext db) : IRequestHandler<ListApiKeys, IReadOnlyList<ApiKeyDto>>
{
    public async Task<IReadOnlyList<ApiKeyDto>> Handle(ListApiKeys request, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.WorkspaceId == request.WorkspaceId)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ToListAsync(cancellationToken);
        return keys.Select(k => k.ToDto()).ToList();
    }
}
