using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Email;

/// <summary>
/// Queues the customer's mails (W12) from the ticket events, not from the use cases: every way a ticket or a reply
/// comes to be (API, ticket view, WhatsApp ingest, automation) publishes these events, so no path can forget the mail.
/// The row is queued in its own scope right after the change commits and any error is only logged: a mail problem
/// never fails the reply. The price is a crash between the two commits, which loses that one mail. Suppuo's own words
/// are in the workspace's language and its times in the workspace's zone (W24).
/// </summary>
public sealed class QueueCustomerEmails(IServiceScopeFactory scopes, EmailOutboxSignal signal, ILogger<QueueCustomerEmails> logger)
    : INotificationHandler<TicketCreated>, INotificationHandler<MessageAdded>
{
    public Task Handle(TicketCreated created, CancellationToken cancellationToken) => !created.RequesterHasEmail ? Task.CompletedTask :
        QueueAsync(created.TicketId, "ticket creation", async (db, ticket, words, time) =>
        {
            // With the auto-reply on, its message is the acknowledgement (mailed when it is added): one mail, not two.
            if (await db.AutoReplySettings.AnyAsync(s => s.WorkspaceId == ticket.WorkspaceId && s.Enabled, cancellationToken))
                return null;
            return new Mail(null, words.ReceivedSubject(ticket.Subject, ticket.Id),
                words.ReceivedBody(ticket.RequesterName, ticket.Subject, ticket.Id, time.Full(ticket.CreatedAt)));
        }, cancellationToken);

    // Only what the support side says publicly: never the customer's own words back.
    public Task Handle(MessageAdded added, CancellationToken cancellationToken) => added.Author == MessageAuthor.Requester ? Task.CompletedTask :
        QueueAsync(added.TicketId, $"message {added.MessageId}", async (db, ticket, words, _) =>
        {
            var message = await db.Messages.AsNoTracking()
                .Where(m => m.Id == added.MessageId)
                .Select(m => new { m.Internal, m.Body, Files = m.Attachments.Count })
                .SingleOrDefaultAsync(cancellationToken);
            // Never internal notes.
            if (message is null || message.Internal)
                return null;
            var files = message.Files == 0 ? "" : "\n\n" + words.FilesAttached(message.Files);
            return new Mail(added.MessageId, words.ReplySubject(ticket.Subject, ticket.Id), message.Body + files);
        }, cancellationToken);

    private async Task QueueAsync(
        int ticketId, string cause, Func<SuppuoDbContext, Ticket, CustomerText, LocalTime, Task<Mail?>> compose, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
            var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
            if (ticket?.RequesterEmail is null)
                return; // phone-identified tickets get no mail (W12)
            var workspace = await db.Workspaces.Where(w => w.Id == ticket.WorkspaceId)
                .Select(w => new { w.Language, w.TimeZone }).SingleAsync(cancellationToken);
            var words = CustomerText.For(workspace.Language);
            if (await compose(db, ticket, words, LocalTime.For(workspace.TimeZone, workspace.Language)) is not { } mail)
                return;

            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var statusUrl = scope.ServiceProvider.GetRequiredService<CustomerLinks>().StatusPage(ticket.StatusToken);
            db.OutboundEmails.Add(new OutboundEmail
            {
                WorkspaceId = ticket.WorkspaceId,
                TicketId = ticket.Id,
                MessageId = mail.MessageId,
                ToAddress = ticket.RequesterEmail,
                ToName = ticket.RequesterName,
                Subject = mail.Subject.Length <= 300 ? mail.Subject : mail.Subject[..300],
                TextBody = $"{mail.Body}\n\n--\n{words.MailFooter(statusUrl)}\n",
                NextAttemptAt = now,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            signal.Wake();
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not queue the customer mail for ticket {TicketId} after {Cause}", ticketId, cause);
        }
    }

    private sealed record Mail(int? MessageId, string Subject, string Body);
}
