using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>W24: the IANA zone a workspace's people read times in.</summary>
public sealed record GetWorkspaceTimeZone(int WorkspaceId) : IRequest<string?>;

public sealed class GetWorkspaceTimeZoneHandler(SuppuoDbContext db) : IRequestHandler<GetWorkspaceTimeZone, string?>
{
    public Task<string?> Handle(GetWorkspaceTimeZone request, CancellationToken cancellationToken) =>
        db.Workspaces.Where(w => w.Id == request.WorkspaceId).Select(w => w.TimeZone).SingleOrDefaultAsync(cancellationToken);
}
