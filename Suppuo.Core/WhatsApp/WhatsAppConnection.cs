using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.WhatsApp;

public enum WhatsAppProvider { Twilio, Cloud }

/// <summary>A workspace's own WhatsApp number, through its Twilio account or its Meta Cloud API app.</summary>
public class WhatsAppConnection
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
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
}
