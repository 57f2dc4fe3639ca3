using MediatR;
using Microsoft.AspNetCore.Identity;
using Suppuo.Core.Common;

namespace Suppuo.Core.Workspaces;

/// <summary>The invitee chooses their name and password (W26); the link then stops working and they can sign in. Returns their user id.</summary>
public sealed record AcceptInvitation(string? UserId, string? Token, string? DisplayName, string? Password) : IRequest<string>, IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("displayName", DisplayName);
        errors.MaxLength("displayName", DisplayName?.Trim(), 100);
        errors.Required("password", Password);
    }
}

public sealed class AcceptInvitationHandler(UserManager<AppUser> users, TimeProvider clock) : IRequestHandler<AcceptInvitation, string>
{
    public async Task<string> Handle(AcceptInvitation request, CancellationToken cancellationToken)
    {
        var user = await Invitations.CheckAsync(users, request.UserId, request.Token, clock.GetUtcNow().UtcDateTime);
        // Fails if a password is set already: of two submits of one link at once, only the first takes it.
        var password = await users.AddPasswordAsync(user, request.Password!);
        if (!password.Succeeded)
            throw new ValidationFailedException(IdentityErrors.ByField(password, "password", "password"));
        user.DisplayName = request.DisplayName!.Trim();
        user.EmailConfirmed = true;
        IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user));
        await Invitations.UseAsync(users, user);
        return user.Id;
    }
}
