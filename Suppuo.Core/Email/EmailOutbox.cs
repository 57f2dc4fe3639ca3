using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Email;

/// <summary>
/// Sends what is due from the outbox, a <see cref="DurableQueue{TRow}"/> of mails, as the WhatsApp outbox does, so two
/// nodes never send one mail twice: success marks a mail sent; a failure is recorded and retried with the workers'
/// backoff until <see cref="MaxAttempts"/>, or failed at once for a permanent refusal.
/// </summary>
public sealed class EmailOutbox(
    IServiceScopeFactory scopes, IEmailTransport transport, IOptions<SuppuoOptions> options, TimeProvider clock, ILogger<EmailOutbox> logger)
    : DurableQueue<OutboundEmail>(scopes, options, clock)
{
    public const int MaxAttempts = 15;

    private readonly string _from = options.Value.Smtp.From;
    private readonly int _hourlyLimit = options.Value.Mail.MaxPerWorkspacePerHour;

    protected override int BatchSize => 20;
    // One connection to the mail server at a time, as before.
    protected override int Parallelism => 1;

    protected override IQueryable<OutboundEmail> Table(SuppuoDbContext db) => db.OutboundEmails;

    protected override IQueryable<OutboundEmail> Due(SuppuoDbContext db, IQueryable<OutboundEmail> emails, DateTime now) =>
        emails.Where(e => e.Status == EmailStatus.Queued && e.NextAttemptAt <= now && (e.LeaseUntil == null || e.LeaseUntil < now));

    protected override IOrderedQueryable<OutboundEmail> InClaimOrder(IQueryable<OutboundEmail> due) => due.OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id);

    protected override async Task WorkAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var email = await db.OutboundEmails.SingleOrDefaultAsync(e => e.Id == id && e.LeaseOwner == Owner, cancellationToken);
        if (email is null)
            return;
        // Counted right before each send, one mail at a time (Parallelism 1), so one node never sends past the cap (two
        // nodes may each send one more at the edge of the window). Over it the mail waits: no attempt, no error.
        if (await CustomerMailCap.NextFreeSlotAsync(db, email.WorkspaceId, _hourlyLimit, Clock.GetUtcNow().UtcDateTime, cancellationToken) is { } freeAt)
        {
            email.NextAttemptAt = freeAt;
            email.LeaseOwner = null;
            email.LeaseUntil = null;
            await SaveOutcomeAsync(db, email);
            return;
        }
        // W24: the mail was written in its workspace's language; the header tells mail clients which (for reading aloud, translating).
        var language = await db.Workspaces.Where(w => w.Id == email.WorkspaceId).Select(w => w.Language).SingleOrDefaultAsync(cancellationToken);
        try
        {
            await transport.SendAsync(ToMime(email, language), cancellationToken);
            email.Status = EmailStatus.Sent;
            email.SentAt = Clock.GetUtcNow().UtcDateTime;
            email.LastError = null;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RecordFailure(email, error);
        }
        email.Attempts++;
        email.LeaseOwner = null;
        email.LeaseUntil = null;
        await SaveOutcomeAsync(db, email);
    }

    private async Task SaveOutcomeAsync(SuppuoDbContext db, OutboundEmail email)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None); // the server's answer is in: record it even while shutting down
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Mail {EmailId} was taken over by another worker after its lease ran out", email.Id);
        }
    }

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
        var delay = Settings.Backoff(email.Attempts + 1);
        email.NextAttemptAt = Clock.GetUtcNow().UtcDateTime + delay;
        logger.LogWarning(error, "Mail {EmailId} to ticket {TicketId} failed (attempt {Attempts}), retrying in {Delay}: {Reason}", email.Id, email.TicketId, email.Attempts + 1, delay, reason);
    }

    private MimeMessage ToMime(OutboundEmail email, string? language)
    {
        var from = MailboxAddress.Parse(_from);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Subject = email.Subject;
        // Stable per outbox row: if a send is retried after the server took it, the copies share one id.
        message.MessageId = $"suppuo-{email.Id}-{email.CreatedAt.Ticks}@{(from.Domain.Length > 0 ? from.Domain : "suppuo.local")}";
        message.Body = new TextPart("plain") { Text = email.TextBody };
        if (language is not null)
            message.Headers.Add(HeaderId.ContentLanguage, language);
        return message;
    }
}
