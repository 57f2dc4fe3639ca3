using Suppuo.Core.Tickets;

namespace Suppuo.Core.Delivery;

/// <summary>Ranked so that receipts only move a delivery forward (W11).</summary>
public enum DeliveryStatus { Queued = 0, Sent = 1, Delivered = 2, Read = 3, Failed = 9 }

/// <summary>
/// The outbox row of one outbound WhatsApp message. It commits together with its message, and a worker
/// claims it with a lease so that exactly one node sends it.
/// </summary>
public class OutboundDelivery
{
    public int Id { get; set; }
    public int MessageId { get; set; }
    public Message Message { get; set; } = null!;
    public int WorkspaceId { get; set; }
    public int? ConnectionId { get; set; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Queued;
    public string? Error { get; set; }
    public string? ProviderMessageId { get; set; }
    public int Attempts { get; set; }
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

    /// <summary>A new delivery, due at once.</summary>
    public static OutboundDelivery Queue(int workspaceId, int connectionId, DateTime now) => new()
    {
        WorkspaceId = workspaceId,
        ConnectionId = connectionId,
        Status = DeliveryStatus.Queued,
        NextAttemptAt = now,
        QueuedAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
