namespace Suppuo.Core.Workspaces;

/// <summary>A workspace user as the Agents page shows them.</summary>
public sealed record AgentDto(string Id, string DisplayName, string Email, WorkspaceRole Role);

public static class AgentMapping
{
    public static AgentDto ToAgentDto(this AppUser user) => new(user.Id, user.DisplayName, user.Email ?? "", user.Role);
}
