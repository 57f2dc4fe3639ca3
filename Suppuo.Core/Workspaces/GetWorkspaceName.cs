using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

public sealed record GetWorkspaceName(int WorkspaceId) : IRequest<string?>;

public sealed class GetWorkspaceNameHandler(SuppuoDbContext db) : IRequestHandler<GetWorkspaceName, string?>
{
    public Task<string?> Handle(GetWorkspaceName request, CancellationToken cancellationToken) =>
        db.Workspaces.Where(w => w.Id == request.WorkspaceId).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken);
}
