namespace Suppuo.Core.Tickets;

public enum TicketStatus { Open, Pending, Resolved, Closed }

public enum TicketChannel { WhatsApp, Email, Web }

public class Ticket
{
    public const int SubjectMaxLength = 120;
    public const int RequesterNameMaxLength = 200;
    public const int RequesterWhatsAppIdMaxLength = 160;
    public const int CsatCommentMaxLength = 1000;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public string Subject { get; set; } = "";
    public TicketStatus Status { get; set; } = TicketStatus.Open;
    public TicketChannel Channel { get; set; }
    public string? RequesterName { get; set; }
    public string? RequesterEmail { get; set; }
    /// <summary>E.164, e.g. +6281234567890. Never a WhatsApp user id (W18).</summary>
    public string? RequesterPhone { get; set; }
    /// <summary>The business-scoped WhatsApp user id, for customers who share no number (W18).</summary>
    public string? RequesterWhatsAppId { get; set; }
    public string? AssigneeId { get; set; }
    /// <summary>
    /// W19: the <see cref="WhatsApp.BusinessNumber"/> the customer wrote to (or the ticket was opened or moved on); null
    /// on other channels. No foreign key: on SQLite adding one rebuilds Tickets and loses its triggers.
    /// </summary>
    public int? BusinessNumberId { get; set; }
    /// <summary>Not stored: the connection that carries <see cref="BusinessNumberId"/> now, or last did, as the queries that show it read it.</summary>
    public int? ConnectionId { get; set; }
    /// <summary>Unguessable token of the customer's status page.</summary>
    public string StatusToken { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    /// <summary>The customer's satisfaction rating, 1 to 5, given on the status page once the ticket is resolved.</summary>
    public int? CsatRating { get; set; }
    public string? CsatComment { get; set; }
    public DateTime? CsatRatedAt { get; set; }
    /// <summary>
    /// W23: out of the Open and Pending tabs until this time, or until the customer writes
    /// (<see cref="UntilCustomerReplies"/>); null when not snoozed.
    /// </summary>
    public DateTime? SnoozedUntil { get; set; }

    /// <summary>The snooze that only the customer's next message ends: a time no clock reaches, so the wake-up never picks it.</summary>
    public static readonly DateTime UntilCustomerReplies = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public List<Message> Messages { get; set; } = [];

    /// <summary>T2: a requester message brings a pending or resolved ticket back to open.</summary>
    public void OnRequesterMessage(DateTime at)
    {
        if (Status is TicketStatus.Pending or TicketStatus.Resolved)
            Status = TicketStatus.Open;
        SnoozedUntil = null; // W23: the customer wrote, so the ticket needs an agent now
        Touch(at);
    }

    /// <summary>T3: an agent's public reply moves the ticket to pending; notes and automation change nothing.</summary>
    public void OnAgentMessage(bool isPublicReply, DateTime at)
    {
        if (isPublicReply && Status is not TicketStatus.Closed)
            Status = TicketStatus.Pending;
        Touch(at);
    }

    public void OnAutomationMessage(DateTime at) => Touch(at);

    public void Touch(DateTime at)
    {
        UpdatedAt = at;
        LastMessageAt = at;
    }
}
