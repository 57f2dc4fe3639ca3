using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>A workspace's settings (docs/contract.md, "/api/v1/settings/workspace").</summary>
public sealed record WorkspaceSettingsDto(string Name, string Language, string TimeZone, ReadReceipts ReadReceipts);

/// <summary>Any agent or key of the workspace may read them: nothing in them is secret.</summary>
public sealed record GetWorkspaceSettings(int WorkspaceId) : IRequest<WorkspaceSettingsDto>;

public sealed class GetWorkspaceSettingsHandler(SuppuoDbContext db) : IRequestHandler<GetWorkspaceSettings, WorkspaceSettingsDto>
{
    public async Task<WorkspaceSettingsDto> Handle(GetWorkspaceSettings request, CancellationToken cancellationToken) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == request.WorkspaceId)
            .Select(w => new WorkspaceSettingsDto(w.Name, w.Language, w.TimeZone, w.ReadReceipts))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("This workspace no longer exists.");
}
