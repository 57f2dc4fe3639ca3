using Microsoft.EntityFrameworkCore;
using MimeKit;
using Suppuo.Core.Email;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Email;

/// <summary>W12 over a real SMTP conversation: what an email customer receives, and that mail trouble never blocks a reply.</summary>
public class SmtpEmailTests(SmtpApp smtp) : IClassFixture<SmtpApp>
{
    private SuppuoApp App => smtp.App;

    private Task<MimeMessage> MailToAsync(string address, string subjectPart) => Eventually.UntilAsync(
        () => Task.FromResult(smtp.Smtp.Received.FirstOrDefault(m =>
            m.To.Mailboxes.Any(a => a.Address == address) && (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))),
        $"a mail to {address} about '{subjectPart}'");

    [Fact]
    public async Task Email_ticket_gets_a_mail_with_its_status_link_on_creation()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var address = $"budi-{Guid.NewGuid():N}@customer.example";
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Refund for order 77", body = "Please refund", channel = "email", requesterEmail = address, requesterName = "Budi" });

        var mail = await MailToAsync(address, "We received your request");

        Assert.Contains(ticket.Str("statusUrl"), mail.TextBody);
        Assert.Contains("Refund for order 77", mail.Subject);
        Assert.Equal("support@tokobudi.example", mail.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Public_agent_reply_is_mailed_with_its_text_and_status_link_but_an_internal_note_never_is()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var address = $"sari-{Guid.NewGuid():N}@customer.example";
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Late parcel", channel = "email", requesterEmail = address });
        var id = ticket.Int("id");

        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "SECRET note: courier lost it", @internal = true });
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Your parcel arrives Friday.", @internal = false });

        var reply = await MailToAsync(address, "Re: Late parcel");
        Assert.Contains("Your parcel arrives Friday.", reply.TextBody);
        Assert.Contains(ticket.Str("statusUrl"), reply.TextBody);
        // Every mail of this ticket has been sent by now (the reply was queued after the note): none carries the note.
        var queued = await App.WithDbAsync(db => db.OutboundEmails.Where(e => e.TicketId == id).ToListAsync());
        Assert.Equal(2, queued.Count); // the acknowledgement and the reply
        Assert.DoesNotContain(smtp.Smtp.Received, m => (m.TextBody ?? "").Contains("SECRET", StringComparison.Ordinal));
        Assert.DoesNotContain(queued, e => e.TextBody.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_mail_never_fails_the_reply_and_is_retried_until_sent()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var address = $"rina-{Guid.NewGuid():N}@customer.example";
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Busy server", channel = "email", requesterEmail = address })).Int("id");
        await MailToAsync(address, "We received your request");
        smtp.Smtp.RefuseNext = 1;

        var reply = await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Answer despite the busy server", @internal = false });

        Assert.Equal("agent", reply.Str("author")); // the reply itself succeeded at once
        await MailToAsync(address, "Re: Busy server");
        var row = await App.WithDbAsync(db => db.OutboundEmails.SingleAsync(e => e.TicketId == id && e.MessageId == reply.Int("id")));
        Assert.Equal(EmailStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.True(smtp.Smtp.Refused >= 1);
    }
}
