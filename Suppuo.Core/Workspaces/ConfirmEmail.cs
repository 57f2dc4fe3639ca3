using MediatR;
using Microsoft.AspNetCore.Identity;
using Suppuo.Core.Common;

namespace Suppuo.Core.Workspaces;

/// <summary>The owner of an open sign-up follows the link mailed to them (W26); after it they can sign in.</summary>
public sealed record ConfirmEmail(string? UserId, string? Code) : IRequest<Unit>
{
    public const string Path = "/account/confirm-email";

    public static string PathFor(string userId, string code) => $"{Path}?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}";
}

public sealed class ConfirmEmailHandler(UserManager<AppUser> users) : IRequestHandler<ConfirmEmail, Unit>
{
    public async Task<Unit> Handle(ConfirmEmail request, CancellationToken cancellationToken)
    {
        var invalid = new ConflictException("This confirmation link is not valid any more. Sign up again with the same email to get a new one.");
        if (string.IsNullOrEmpty(request.UserId) || string.IsNullOrEmpty(request.Code) || await users.FindByIdAsync(request.UserId) is not { } user)
            throw invalid;
        if (user.EmailConfirmed)
            return Unit.Value; // a second click on the same link: already done
        if (!(await users.ConfirmEmailAsync(user, request.Code)).Succeeded)
            throw invalid;
        return Unit.Value;
    }
}
