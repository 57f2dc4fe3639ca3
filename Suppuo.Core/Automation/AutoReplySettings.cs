namespace Suppuo.Core.Automation;

/// <summary>A workspace's auto-reply (W13): one row per workspace, absent until an admin saves it (then off by default).</summary>
public class AutoReplySettings
{
    public const int TextMaxLength = 1000;

    public int WorkspaceId { get; set; }
    public bool Enabled { get; set; }
    public string Text { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
