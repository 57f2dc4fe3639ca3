using Microsoft.AspNetCore.Identity;

namespace Suppuo.Core.Workspaces;

public enum WorkspaceRole { Agent, Admin }

/// <summary>An agent or admin; every user belongs to exactly one workspace.</summary>
public class AppUser : IdentityUser
{
    public int WorkspaceId { get; set; }
    public Workspace Workspace { get; set; } = null!;
    public WorkspaceRole Role { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>W24: the agent's own UI language; null follows the workspace's.</summary>
    public string? Language { get; set; }
}
