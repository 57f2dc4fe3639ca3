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
/// Each round claims its mails with a lease, as the WhatsApp outbox does, so two nodes never send one mail twice.
/// </summary>
public sealed class EmailOutbox(SuppuoDbContext db, IEmailTransport transport, IOptions<SuppuoOptions> options, TimeProvider clock, ILogger<EmailOutbox> logger)
{
    public const int MaxAttempts = 15;
    private const int BatchSize = 20;

    private readonly string _owner = Guid.NewGuid().ToString("N");

    /// <summary>Sends the mails that are due; returns how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        try
        {
            var due = await db.OutboundEmails.Where(e => claimed.Contains(e.Id) && e.LeaseOwner == _owner).OrderBy(e => e.Id).ToListAsync(cancellationToken);
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
                email.LeaseOwner = null;
                email.LeaseUntil = null;
                try
                {
                    await db.SaveChangesAsync(CancellationToken.None); // the server's answer is in: record it even while shutting down
                }
                catch (DbUpdateConcurrencyException)
                {
                    logger.LogWarning("Mail {EmailId} was taken over by another worker after its lease ran out", email.Id);
                    db.Entry(email).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            // Mails a shutdown kept us from sending go back at once instead of waiting out the lease on the next start.
            if (cancellationToken.IsCancellationRequested)
                await db.OutboundEmails.Where(e => claimed.Contains(e.Id) && e.LeaseOwner == _owner)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        return claimed.Count;
    }

    private async Task<List<int>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.Workers.Lease;
        var due = await Due(db.OutboundEmails, now).OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id).Select(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var claimed = new List<int>(due.Count);
        foreach (var id in due)
        {
            // Re-checked inside the UPDATE: of two nodes that both saw the mail due, exactly one takes it.
            if (await Due(db.OutboundEmails.Where(e => e.Id == id), now)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.LeaseOwner, _owner).SetProperty(x => x.LeaseUntil, until), cancellationToken) == 1)
                claimed.Add(id);
        }
        return claimed;
    }

    private static IQueryable<OutboundEmail> Due(IQueryable<OutboundEmail> emails, DateTime now) =>
        emails.Where(e => e.Status == EmailStatus.Queued && e.NextAttemptAt <= now && (e.LeaseUntil == null || e.LeaseUntil < now));

    /// <summary>When the next mail falls due, so the worker can sleep until then.</summary>
    public Task<DateTime?> NextDueAsync(CancellationToken cancellationToken) =>
        // A mail another node holds is due again only when its lease runs out.
        db.OutboundEmails.Where(e => e.Status == EmailStatus.Queued)
            .MinAsync(e => (DateTime?)(e.LeaseUntil != null && e.LeaseUntil > e.NextAttemptAt ? e.LeaseUntil.Value : e.NextAttemptAt), cancellationToken);

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
