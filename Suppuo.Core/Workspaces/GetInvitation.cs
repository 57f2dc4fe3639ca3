using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

public sealed record InvitationDto(string Email, string WorkspaceName, WorkspaceRole Role);

/// <summary>What an invitation link offers, before the invitee chooses a password; a used or expired link says so.</summary>
public sealed record GetInvitation(string? UserId, string? Token) : IRequest<InvitationDto>;

public sealed class GetInvitationHandler(SuppuoDbContext db, UserManager<AppUser> users, TimeProvider clock) : IRequestHandler<GetInvitation, InvitationDto>
{
    public async Task<InvitationDto> Handle(GetInvitation request, CancellationToken cancellationToken)
    {
        var user = await Invitations.CheckAsync(users, request.UserId, request.Token, clock.GetUtcNow().UtcDateTime);
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == user.WorkspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
        return new InvitationDto(user.Email!, workspace, user.Role);
    }
}
