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
    public TwilioOptions Twilio { get; set; } = new();
    public MetaOptions Meta { get; set; } = new();

    public sealed class MetaOptions
    {
        /// <summary>Every Graph API call goes here; tests and demos point it at a fake on loopback.</summary>
        public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";
        public string GraphVersion { get; set; } = "v23.0";
    }

    public sealed class TwilioOptions
    {
        public const string DefaultApiBaseUrl = "https://api.twilio.com";

        /// <summary>Every Twilio REST call goes here; tests and demos point it at a fake on loopback.</summary>
        public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;
    }

    public sealed class AttachmentOptions
    {
        public string? Path { get; set; }
    }

    public sealed class DemoOptions
    {
        public bool Enabled { get; set; }
    }
}
