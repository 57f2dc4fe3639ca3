using Suppuo.Core.Tickets;

namespace Suppuo.Core.Attachments;

public enum AttachmentStatus { Pending, Ready, Failed }

public class Attachment
{
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;

    public int Id { get; set; }
    public int MessageId { get; set; }
    public Message Message { get; set; } = null!;
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    /// <summary>Where the bytes are in the <see cref="IAttachmentStore"/>; null until they are stored.</summary>
    public string? StorageKey { get; set; }
    /// <summary>The provider's URL or media id for inbound media still to be downloaded.</summary>
    public string? SourceUrl { get; set; }
    public AttachmentStatus Status { get; set; } = AttachmentStatus.Ready;
    public string? Error { get; set; }
    /// <summary>Download attempts of pending inbound media (W8); retries back off from the first second.</summary>
    public int Attempts { get; set; }
    /// <summary>When the download job may next take a pending attachment; null = at once.</summary>
    public DateTime? NextAttemptAt { get; set; }
    /// <summary>The download job's lease, as on every durable queue (docs/decisions/003): which worker of which node holds it, and until when.</summary>
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Why this file of a WhatsApp reply was not sent over WhatsApp (type or size, W14); it stays on the status page.</summary>
    public string? WhatsAppRefusal { get; set; }
}
