namespace Suppuo.Core.Workspaces;

/// <summary>A workspace user as the Agents page shows them.</summary>
/// <param name="Invited">Invited by email and not yet joined (W26): they cannot sign in until they follow the link.</param>
public sealed record AgentDto(string Id, string DisplayName, string Email, WorkspaceRole Role, bool Invited = false);

public static class AgentMapping
{
    public static AgentDto ToAgentDto(this AppUser user) => new(user.Id, user.DisplayName, user.Email ?? "", user.Role, !user.EmailConfirmed);
}
