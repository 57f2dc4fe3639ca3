using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Hosting;

/// <summary>The claims that scope a signed-in user or an API key to its workspace.</summary>
public static class WorkspaceClaims
{
    public const string WorkspaceId = "suppuo:workspace";
    public const string AdminPolicy = "WorkspaceAdmin";
    /// <summary>An API key's scope (W26); signed-in users have none, their role is read where the work is done.</summary>
    public const string ScopeClaim = "suppuo:scope";

    public static int WorkspaceIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(WorkspaceId), out var id) ? id : throw new InvalidOperationException("The caller has no workspace.");

    /// <summary>Who is acting, for Core's admin check: an API key by its scope, a signed-in user by id (never by the role in the cookie).</summary>
    public static Actor ActorOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(ScopeClaim) is { } scope ? Actor.Key(Enum.Parse<ApiKeyScope>(scope))
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? Actor.User(userId)
        : throw new InvalidOperationException("The caller is neither a signed-in user nor an API key.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(nameof(WorkspaceRole.Admin));
}

/// <summary>Puts the user's workspace and role into the sign-in cookie, so no page has to look them up.</summary>
internal sealed class WorkspaceClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WorkspaceClaims.WorkspaceId, user.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(identity.RoleClaimType, user.Role.ToString()));
        identity.AddClaim(new Claim("suppuo:name", user.DisplayName));
        return identity;
    }
}
