using Suppuo.Core.Tickets;

namespace Suppuo.Tests.Tickets;

/// <summary>Product rules T1–T4, on the ticket itself.</summary>
public class TicketStatusRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void T1_new_ticket_starts_open() => Assert.Equal(TicketStatus.Open, new Ticket().Status);

    [Theory]
    [InlineData(TicketStatus.Pending)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Open)]
    public void T2_requester_message_moves_ticket_to_open(TicketStatus before)
    {
        var ticket = new Ticket { Status = before };
        ticket.OnRequesterMessage(Now);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(Now, ticket.LastMessageAt);
    }

    [Fact]
    public void T2_requester_message_does_not_reopen_a_closed_ticket()
    {
        // Closed ends the thread (W6): ingest opens a fresh ticket instead of appending here.
        var ticket = new Ticket { Status = TicketStatus.Closed };
        ticket.OnRequesterMessage(Now);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.Resolved)]
    public void T3_public_agent_reply_moves_ticket_to_pending(TicketStatus before)
    {
        var ticket = new Ticket { Status = before };
        ticket.OnAgentMessage(isPublicReply: true, Now);
        Assert.Equal(TicketStatus.Pending, ticket.Status);
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void T3_internal_note_changes_no_status(TicketStatus before)
    {
        var ticket = new Ticket { Status = before };
        ticket.OnAgentMessage(isPublicReply: false, Now);
        Assert.Equal(before, ticket.Status);
    }

    [Fact]
    public void T3_automation_message_changes_no_status()
    {
        var ticket = new Ticket { Status = TicketStatus.Open };
        ticket.OnAutomationMessage(Now);
        Assert.Equal(TicketStatus.Open, ticket.Status);
    }

    [Fact]
    public void T4_closed_is_final_so_a_reply_on_a_closed_ticket_keeps_it_closed()
    {
        // Reopening happens only by an agent's explicit status change (T4), never as a side effect of a reply.
        var ticket = new Ticket { Status = TicketStatus.Closed };
        ticket.OnAgentMessage(isPublicReply: true, Now);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
    }
}
