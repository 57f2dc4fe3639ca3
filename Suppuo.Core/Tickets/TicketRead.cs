namespace Suppuo.Core.Tickets;

/// <summary>
/// How far one agent has read one ticket (W23's unread mark): the newest message id they had on screen. One small row
/// per (agent, ticket) opened, written when they open it; the inbox reads the rows of its page in one lookup.
/// </summary>
public class TicketRead
{
    public string UserId { get; set; } = "";
    public int TicketId { get; set; }
    public int LastSeenMessageId { get; set; }
}
