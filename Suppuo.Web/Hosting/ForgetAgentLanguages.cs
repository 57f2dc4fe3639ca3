using MediatR;
using Microsoft.Extensions.Caching.Memory;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W24: an admin changed the workspace's language; its agents' cached languages are forgotten on this node, so their next
/// page speaks the new one (other nodes forget theirs within the cache's minute).
/// </summary>
public sealed class ForgetAgentLanguages(IMemoryCache cache) : INotificationHandler<WorkspaceLanguageChanged>
{
    public Task Handle(WorkspaceLanguageChanged changed, CancellationToken cancellationToken)
    {
        foreach (var userId in changed.UserIds)
            cache.ForgetAgentLanguage(userId);
        return Task.CompletedTask;
    }
}
