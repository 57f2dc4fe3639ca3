namespace Suppuo.Core;

/// <summary>The "Suppuo" configuration section (docs/contract.md, "Configuration").</summary>
public sealed class SuppuoOptions
{
    public const string Section = "Suppuo";

    /// <summary>Absolute after start-up: relative values are resolved against the content root.</summary>
    public string DataDirectory { get; set; } = "data";
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Names this node in the leases it takes, so that after a restart it frees its own leases at once. Unique per node
    /// and stable across restarts: containers, whose host names change, set it.
    /// </summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>A StackExchange.Redis configuration string; set, nodes share live events and the Data Protection key ring.</summary>
    public string? Redis { get; set; }
    public AttachmentOptions Attachments { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public TwilioOptions Twilio { get; set; } = new();
    public MetaOptions Meta { get; set; } = new();

    public sealed class MetaOptions
    {
        /// <summary>Every Graph API call goes here; tests and demos point it at a fake on loopback.</summary>
        public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";
        public string GraphVersion { get; set; } = "v23.0";

        /// <summary>How long one Graph call may take; past it a send is ambiguous and is never resent on our own.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
    }
    public WorkerOptions Workers { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public MailOptions Mail { get; set; } = new();

    /// <summary>What a new workspace starts with (W24); its admin changes them on the settings page.</summary>
    public DefaultsOptions Defaults { get; set; } = new();

    public sealed class DefaultsOptions
    {
        /// <summary><c>en</c> or <c>id</c>: what customers read and the agents' default UI language.</summary>
        public string Language { get; set; } = Workspaces.Languages.English;

        /// <summary>An IANA zone: every time a person reads is shown in it.</summary>
        public string TimeZone { get; set; } = Workspaces.Languages.DefaultTimeZone;
    }

    /// <summary>Who may create a workspace from the /signup page (W26); the admin command line always may.</summary>
    public SignupMode Signup { get; set; } = SignupMode.FirstWorkspace;

    public enum SignupMode
    {
        /// <summary>The install's first workspace is made at /signup; after it, admins invite agents and operators use the CLI.</summary>
        FirstWorkspace,
        /// <summary>A hosted service: anyone may sign up, and the new admin confirms their email before they can sign in.</summary>
        Open,
        Closed,
    }

    /// <summary>What Suppuo mails to customers (W26): a workspace cannot turn the operator's mail server into a bulk sender.</summary>
    public sealed class MailOptions
    {
        /// <summary>Customer mails one workspace sends in any hour; the rest wait in the outbox for a free slot.</summary>
        public int MaxPerWorkspacePerHour { get; set; } = 200;
    }

    /// <summary>Outgoing mail (docs/contract.md, "Email"): over SMTP when <see cref="Host"/> is set, else .eml files under the data directory.</summary>
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

        /// <summary>How long one REST call may take; past it a send is ambiguous (it may have arrived) and is reconciled, never blindly resent.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>How long one inbound media download (up to 16 MiB) may take before it is retried.</summary>
        public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(90);

        /// <summary>W17: how often Twilio's message list is compared with ours for messages whose webhook never arrived; also at start-up.</summary>
        public TimeSpan BackfillInterval { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Each comparison reaches this far behind where the last one ended: Twilio's clock and ours differ, and date_sent lags.</summary>
        public TimeSpan BackfillMargin { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The furthest back a back-fill looks, after a long outage or for a number connected long ago.</summary>
        public TimeSpan BackfillLookback { get; set; } = TimeSpan.FromDays(7);

        /// <summary>One run lists at most BackfillPageSize × BackfillMaxPages messages per number; the next run continues.</summary>
        public int BackfillPageSize { get; set; } = 50;
        public int BackfillMaxPages { get; set; } = 4;
    }

    /// <summary>The outbox worker (W11) and the inbound media job (W8): durable rows polled at this pace, woken early on new work.</summary>
    public sealed class WorkerOptions
    {
        /// <summary>How long a Cloud API send whose answer was lost waits for Meta's status webhook before it is failed for the agent to retry.</summary>
        public TimeSpan AmbiguousSendWait { get; set; } = TimeSpan.FromMinutes(3);

        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The first retry waits this long, each next one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>A delivery still failing transiently this long after it was queued is given up as failed.</summary>
        public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

        /// <summary>How long a claimed row belongs to one worker; longer than any send, so a live worker never loses it.</summary>
        public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>About 1 s, 2 s, 4 s … after each failed attempt, capped (docs/contract.md, "/api/v1").</summary>
        public TimeSpan Backoff(int attempts)
        {
            var delay = RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
            return delay < MaxRetryDelay ? delay : MaxRetryDelay;
        }
    }

    public sealed class AttachmentOptions
    {
        public string? Path { get; set; }

        /// <summary>How long a signed link to an agent's file (for Twilio to fetch, W14) stays valid.</summary>
        public TimeSpan MediaLinkLifetime { get; set; } = TimeSpan.FromHours(1);
    }

    public sealed class DemoOptions
    {
        public bool Enabled { get; set; }
    }

    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>W25: Prometheus scrapes /metrics only where the operator asked for it; off, /metrics is 404 and nothing is collected.</summary>
    public sealed class MetricsOptions
    {
        public bool Enabled { get; set; }
    }

    public DataProtectionSettings DataProtection { get; set; } = new();

    /// <summary>The Data Protection key ring at rest (W26): unset, its keys are plain XML beside the database or in Redis.</summary>
    public sealed class DataProtectionSettings
    {
        /// <summary>A PFX whose certificate encrypts each key of the ring; relative to the content root.</summary>
        public string? CertificatePath { get; set; }
        public string? CertificatePassword { get; set; }
    }
}
