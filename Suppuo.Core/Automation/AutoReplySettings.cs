namespace Suppuo.Core.Automation;

/// <summary>A workspace's auto-reply (W13): one row per workspace, absent until an admin saves it (then off by default).</summary>
public class AutoReplySettings
{
    public const int TextMaxLength = 1000;

    public int WorkspaceId { get; set; }
    public bool Enabled { get; set; }
    /// <summary>The admin's own text; null while they never changed the default, which then follows the workspace's language (W24).</summary>
    public string? Text { get; set; }
    public DateTime UpdatedAt { get; set; }
}
