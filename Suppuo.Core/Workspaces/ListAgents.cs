using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The workspace's agents and admins, by name.</summary>
public sealed record ListAgents(int WorkspaceId) : IRequest<IReadOnlyList<AgentDto>>;

public sealed class ListAgentsHandler(SuppuoDbContext db) : IRequestHandler<ListAgents, IReadOnlyList<AgentDto>>
{
    public async Task<IReadOnlyList<AgentDto>> Handle(ListAgents request, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.WorkspaceId == request.WorkspaceId)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .ToListAsync(cancellationToken);
        return users.Select(u => u.ToAgentDto()).ToList();
    }
}
