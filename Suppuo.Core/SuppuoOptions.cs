namespace Suppuo.Core;

/// <summary>The "Suppuo" configuration section (API.md, Configuration).</summary>
public sealed class SuppuoOptions
{
    public const string Section = "Suppuo";

    /// <summary>Absolute after start-up: relative values are resolved against the content root.</summary>
    public string DataDirectory { get; set; } = "data";
    public string? PublicBaseUrl { get; set; }
    public AttachmentOptions Attachments { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();

    public sealed class AttachmentOptions
    {
        public string? Path { get; set; }
    }

    public sealed class DemoOptions
    {
        public bool Enabled { get; set; }
    }
}
