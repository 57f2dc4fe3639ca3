using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// A change only a workspace admin (or an `admin` API key) may make: agents, channels, settings, API keys (W26).
/// <see cref="AdminOnlyBehavior{TRequest,TResponse}"/> checks it once for every such request, before its handler.
/// </summary>
public interface IAdminRequest
{
    int WorkspaceId { get; }
    Actor By { get; }
}

/// <summary>
/// Checks the actor's rights where the work is done, not where the page renders: an admin demoted by another admin
/// while their Agents page is open still holds a page with admin buttons and a cookie that says "Admin", so the role is
/// read from the database on every admin request.
/// </summary>
public sealed class AdminOnlyBehavior<TRequest, TResponse>(IServiceProvider services) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IAdminRequest admin)
            await EnsureAdminAsync(admin, cancellationToken);
        return await next();
    }

    private async Task EnsureAdminAsync(IAdminRequest request, CancellationToken cancellationToken)
    {
        switch (request.By)
        {
            case null:
                throw new ForbiddenException("The request does not say who is asking, so it is refused.");
            case { Kind: ActorKind.Operator }:
                return;
            case { Kind: ActorKind.ApiKey, KeyScope: ApiKeyScope.Admin }:
                return;
            case { Kind: ActorKind.ApiKey } key:
                throw new ForbiddenException(
                    $"This API key has the '{key.KeyScope.ToString().ToLowerInvariant()}' scope; changing channels, settings, agents and API keys needs an 'admin' key. An admin can create one on the API keys page.");
            case { Kind: ActorKind.User } user:
                var db = services.GetRequiredService<SuppuoDbContext>();
                var role = await db.Users.AsNoTracking()
                    .Where(u => u.Id == user.UserId && u.WorkspaceId == request.WorkspaceId)
                    .Select(u => (WorkspaceRole?)u.Role)
                    .SingleOrDefaultAsync(cancellationToken);
                if (role != WorkspaceRole.Admin)
                    throw new ForbiddenException(
                        "Only a workspace admin can do this, and your account is no longer an admin. Reload the page; ask an admin if you need the rights back.");
                return;
        }
    }
}
