using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Suppuo.Core.Data;

namespace Suppuo.Core.Email;

/// <summary>
/// Sends what is due from the outbox: success marks a mail sent; a failure is recorded and retried with backoff
/// (1 s, 2 s, 4 s … at most 5 minutes apart) until <see cref="MaxAttempts"/>, or at once for a permanent refusal.
/// One instance per node; several nodes would need a lease per row as the WhatsApp outbox has.
/// </summary>
public sealed class EmailOutbox(SuppuoDbContext db, IEmailTransport transport, IOptions<SuppuoOptions> options, TimeProvider clock, ILogger<EmailOutbox> logger)
{
    public const int MaxAttempts = 15;
    private const int BatchSize = 20;

    /// <summary>Sends the mails that are due; returns how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboundEmails
            .Where(e => e.Status == EmailStatus.Queued && e.NextAttemptAt <= now)
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var email in due)
        {
            try
            {
                await transport.SendAsync(ToMime(email), cancellationToken);
                email.Status = EmailStatus.Sent;
                email.SentAt = clock.GetUtcNow().UtcDateTime;
                email.LastError = null;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RecordFailure(email, error);
            }
            email.Attempts++;
            await db.SaveChangesAsync(cancellationToken);
        }
        return due.Count;
    }

    /// <summary>When the next mail falls due, so the worker can sleep until then.</summary>
    public Task<DateTime?> NextDueAsync(CancellationToken cancellationToken) =>
        db.OutboundEmails.Where(e => e.Status == EmailStatus.Queued).MinAsync(e => (DateTime?)e.NextAttemptAt, cancellationToken);

    private void RecordFailure(OutboundEmail email, Exception error)
    {
        var reason = error.Message.Length <= 500 ? error.Message : error.Message[..500];
        email.LastError = reason;
        // 5xx from the server (unknown mailbox, refused sender) will not change by retrying.
        var permanent = error is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
        if (permanent || email.Attempts + 1 >= MaxAttempts)
        {
            email.Status = EmailStatus.Failed;
            logger.LogError(error, "Mail {EmailId} to ticket {TicketId} failed for good after {Attempts} attempts: {Reason}", email.Id, email.TicketId, email.Attempts + 1, reason);
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, email.Attempts), 300));
        email.NextAttemptAt = clock.GetUtcNow().UtcDateTime + delay;
        logger.LogWarning(error, "Mail {EmailId} to ticket {TicketId} failed (attempt {Attempts}), retrying in {Delay}: {Reason}", email.Id, email.TicketId, email.Attempts + 1, delay, reason);
    }

    private MimeMessage ToMime(OutboundEmail email)
    {
        var from = MailboxAddress.Parse(options.Value.Smtp.From);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Subject = email.Subject;
        // Stable per outbox row: if a send is retried after the server took it, the copies share one id.
        message.MessageId = $"suppuo-{email.Id}-{email.CreatedAt.Ticks}@{(from.Domain.Length > 0 ? from.Domain : "suppuo.local")}";
        message.Body = new TextPart("plain") { Text = email.TextBody };
        return message;
    }
}
