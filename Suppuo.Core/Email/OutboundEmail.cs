namespace Suppuo.Core.Email;

public enum EmailStatus { Queued, Sent, Failed }

/// <summary>
/// The outbox row of one mail to a customer. Queued beside the change that causes it and sent by a background worker,
/// so a slow or broken mail server never blocks or fails an agent's reply; a failure stays visible here.
/// </summary>
public class OutboundEmail
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public int TicketId { get; set; }
    /// <summary>The message this mail carries; null for the "we received your request" mail.</summary>
    public int? MessageId { get; set; }
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public EmailStatus Status { get; set; } = EmailStatus.Queued;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The worker sending it now, and until when: two nodes never send one mail twice.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
}
