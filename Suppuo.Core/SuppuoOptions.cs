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
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Outgoing mail (API.md, Email): over SMTP when <see cref="Host"/> is set, else .eml files under the data directory.</summary>
    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public string? User { get; set; }
        public string? Password { get; set; }
        public string From { get; set; } = "Suppuo <no-reply@suppuo.local>";
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
