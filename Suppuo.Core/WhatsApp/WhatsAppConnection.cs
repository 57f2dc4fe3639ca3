using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.WhatsApp;

public enum WhatsAppProvider { Twilio, Cloud }

/// <summary>A workspace's own WhatsApp number, through its Twilio account or its Meta Cloud API app.</summary>
public class WhatsAppConnection
{
    public const int LabelMaxLength = 60;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>The number this connection carries (W19); set for every connection, nullable only for rows made before numbers were records.</summary>
    public int? BusinessNumberId { get; set; }
    /// <summary>What agents call this number ("Sales", "Jakarta branch"); its display number unless an admin names it.</summary>
    public string Label { get; set; } = "";
    /// <summary>The workspace's default number (W19): exactly one connected connection of a workspace that has any.</summary>
    public bool IsDefault { get; set; }
    /// <summary>The agent given the new tickets this number opens, if any.</summary>
    public string? DefaultAssigneeId { get; set; }
    /// <summary>Set when an admin disconnects the number: the row stays, so tickets, history and a reconnect keep working.</summary>
    public DateTime? DisconnectedAt { get; set; }
    public WhatsAppProvider Provider { get; set; }
    /// <summary>E.164 number of the sender (Twilio), or the display number (Cloud API).</summary>
    public string? PhoneNumber { get; set; }
    /// <summary>Meta's phone number ID, the Cloud API routing key.</summary>
    public string? PhoneNumberId { get; set; }
    public string? AccountSid { get; set; }
    /// <summary>Twilio auth token or Meta access token, encrypted with Data Protection.</summary>
    public string? EncryptedToken { get; set; }
    /// <summary>Meta app secret, encrypted with Data Protection.</summary>
    public string? EncryptedAppSecret { get; set; }
    public string? VerifyToken { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public DateTime ConnectedAt { get; set; }
    public DateTime? LastInboundAt { get; set; }
    /// <summary>"ok", or a short reason why the credentials stopped working (W16).</summary>
    public string Health { get; set; } = "ok";
    /// <summary>W17, Twilio only: how far messages missed by the webhook have been looked for, and the last run's outcome.</summary>
    public TwilioBackfillState Backfill { get; set; } = new();

    public bool IsConnected => DisconnectedAt is null;

    /// <summary>The number as people read it: its E.164, or Meta's phone number ID when the Cloud API gives no number.</summary>
    public string DisplayNumber => PhoneNumber ?? PhoneNumberId ?? "";
}
