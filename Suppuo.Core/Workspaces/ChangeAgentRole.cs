using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>An admin makes a user an agent or an admin. The last admin cannot be made an agent.</summary>
public sealed record ChangeAgentRole(int WorkspaceId, string UserId, WorkspaceRole Role) : IRequest<AgentDto>, IValidatable, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        if (!Enum.IsDefined(Role))
            errors.Add("role", "Must be Agent or Admin.");
    }
}

public sealed class ChangeAgentRoleHandler(SuppuoDbContext db, UserManager<AppUser> users) : IRequestHandler<ChangeAgentRole, AgentDto>
{
    public async Task<AgentDto> Handle(ChangeAgentRole request, CancellationToken cancellationToken)
    {
        await using var transaction = await LastAdminRule.BeginAsync(db, request.WorkspaceId, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId && u.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"User {request.UserId} was not found in this workspace.");
        if (user.Role == request.Role)
            return user.ToAgentDto();

        if (request.Role == WorkspaceRole.Agent)
            await LastAdminRule.EnsureAnotherAdminAsync(db, user, "make them an agent", cancellationToken);

        user.Role = request.Role;
        // The role rides in the sign-in cookie and in the open circuit, which re-check only the security stamp: renewing
        // it signs a demoted admin out at the next check, instead of leaving admin pages open for the circuit's life.
        // A promotion signs nobody out: the cookie's next refresh, or the next sign-in, brings the new role.
        IdentityErrors.ThrowIfFailed(request.Role == WorkspaceRole.Agent
            ? await users.UpdateSecurityStampAsync(user)
            : await users.UpdateAsync(user));
        await transaction.CommitAsync(cancellationToken);
        return user.ToAgentDto();
    }
}
