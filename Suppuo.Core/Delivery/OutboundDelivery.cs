using Suppuo.Core.Attachments;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Delivery;

/// <summary>Ranked so that receipts only move a delivery forward (W11).</summary>
public enum DeliveryStatus { Queued = 0, Sent = 1, Delivered = 2, Read = 3, Failed = 9 }

/// <summary>
/// The outbox row of one outbound WhatsApp message: a reply's text, or one of its files (W14), each its own WhatsApp
/// message with its own state. It commits together with its reply, and a worker claims it with a lease so that exactly
/// one node sends it.
/// </summary>
public class OutboundDelivery
{
    public int Id { get; set; }
    public int MessageId { get; set; }
    public Message Message { get; set; } = null!;
    /// <summary>The file this row sends; null for the reply's text.</summary>
    public int? AttachmentId { get; set; }
    public Attachment? Attachment { get; set; }
    public int WorkspaceId { get; set; }
    public int? ConnectionId { get; set; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Queued;
    public string? Error { get; set; }
    public string? ProviderMessageId { get; set; }
    public int Attempts { get; set; }
    /// <summary>
    /// The number of the latest request to the provider over the row's whole life: unlike <see cref="Attempts"/>, an
    /// agent's retry does not reset it. Each request's receipt callback names it, so a late receipt of an earlier
    /// request (say `undelivered` for the attempt the agent retried) is never taken for the current one's.
    /// </summary>
    public int LastAttempt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    /// <summary>When it last entered `queued` (created, or retried by an agent): transient failures give up a day after.</summary>
    public DateTime QueuedAt { get; set; }
    /// <summary>
    /// Set, and committed, just before a request to the provider; cleared once its outcome is known. Still set on the
    /// next attempt means the last one may have arrived (timeout, crash, 5xx): reconcile before sending again.
    /// </summary>
    public DateTime? SendStartedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Transient failures end after the give-up time; a reply never tried (the app was down) still gets its attempt,
    /// and the provider's own answer then says whether it is too late.
    /// </summary>
    public bool HasGivenUp(DateTime now, TimeSpan giveUpAfter) => Attempts > 0 && now - QueuedAt > giveUpAfter;

    /// <summary>
    /// Queues a public message for a WhatsApp customer through <paramref name="connectionId"/>: its text, then each file
    /// WhatsApp takes, in that order (W14). A file WhatsApp refuses is not sent and says why; a files-only reply whose
    /// files all travel on their own has no text to send.
    /// </summary>
    public static void QueueAll(Message message, int workspaceId, int connectionId, DateTime now)
    {
        foreach (var file in message.Attachments)
            file.WhatsAppRefusal = OutboundWhatsAppFiles.WhyNotSent(file.FileName, file.ContentType, file.Size);
        var files = message.Attachments.Where(a => a.WhatsAppRefusal is null).ToList();
        if (message.Body.Length > 0 || files.Count < message.Attachments.Count)
            message.Deliveries.Add(Queue(workspaceId, connectionId, now, file: null));
        foreach (var file in files)
            message.Deliveries.Add(Queue(workspaceId, connectionId, now, file));
    }

    private static OutboundDelivery Queue(int workspaceId, int connectionId, DateTime now, Attachment? file) => new()
    {
        WorkspaceId = workspaceId,
        ConnectionId = connectionId,
        Attachment = file,
        Status = DeliveryStatus.Queued,
        NextAttemptAt = now,
        QueuedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
