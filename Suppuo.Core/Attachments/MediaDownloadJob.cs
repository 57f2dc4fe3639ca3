using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.CloudApi;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.Attachments;

/// <summary>
/// "Media after the 200" (W8, docs/contract.md, "Webhooks"): pending attachment rows are the queue of a durable job that downloads
/// each file with its account's credentials and sets it `ready` or `failed` with the reason.
/// </summary>
public sealed class MediaDownloadJob(
    IServiceScopeFactory scopes, TwilioMediaFetcher fetcher, IOptions<SuppuoOptions> options,
    TimeProvider clock, ILogger<MediaDownloadJob> logger) : DurableQueue<Attachment>(scopes, options, clock)
{
    private readonly Uri _apiBase = new(options.Value.Twilio.ApiBaseUrl);

    protected override int BatchSize => 8;
    protected override int Parallelism => 4;

    protected override IQueryable<Attachment> Table(SuppuoDbContext db) => db.Attachments;

    protected override IQueryable<Attachment> Due(SuppuoDbContext db, IQueryable<Attachment> attachments, DateTime now) =>
        attachments.Where(a => a.Status == AttachmentStatus.Pending && a.SourceUrl != null && (a.NextAttemptAt == null || a.NextAttemptAt <= now)
            && (a.LeaseUntil == null || a.LeaseUntil < now));

    protected override IOrderedQueryable<Attachment> InClaimOrder(IQueryable<Attachment> due) => due.OrderBy(a => a.Id);

    protected override Task WorkAsync(int id, CancellationToken cancellationToken) => DownloadSafelyAsync(id, cancellationToken);

    private async Task DownloadSafelyAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await DownloadAsync(id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the pass gives the row back and the next start downloads it again (downloads are repeatable).
        }
        catch (Exception error)
        {
            // Our own failure (storage full, database busy): the row stays pending and is tried again in a minute.
            logger.LogError(error, "Attachment {AttachmentId} could not be downloaded; it is tried again in a minute", id);
            await using var scope = Scopes.CreateAsyncScope();
            var retryAt = Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Attachments
                .Where(a => a.Id == id && a.Status == AttachmentStatus.Pending && a.LeaseOwner == Owner)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.NextAttemptAt, retryAt)
                    .SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
    }

    private async Task DownloadAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        // Held by this worker, as the other queues check: a row whose lease another worker took is that worker's to fetch.
        var attachment = await db.Attachments.Include(a => a.Message).ThenInclude(m => m.Ticket)
            .SingleOrDefaultAsync(a => a.Id == id && a.LeaseOwner == Owner, cancellationToken);
        if (attachment is null)
            return;
        var connection = attachment.Message.ConnectionId is { } connectionId
            ? await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            : null;

        var outcome = await AttemptAsync(attachment, connection, scope.ServiceProvider, cancellationToken);
        var now = Clock.GetUtcNow().UtcDateTime;
        switch (outcome)
        {
            case DownloadOutcome.Downloaded downloaded:
                attachment.Size = downloaded.Size;
                attachment.StorageKey = downloaded.StorageKey;
                if (attachment.ContentType == "application/octet-stream")
                    attachment.ContentType = downloaded.ContentType;
                attachment.Status = AttachmentStatus.Ready;
                attachment.Error = null;
                break;
            case DownloadOutcome.Retry retry when now - attachment.CreatedAt > Settings.GiveUpAfter:
                attachment.Status = AttachmentStatus.Failed;
                attachment.Error = $"Not downloaded after {Durations.Describe(Settings.GiveUpAfter)} of trying. Last error: {retry.Reason}";
                break;
            case DownloadOutcome.Retry retry:
                attachment.Attempts++;
                attachment.Error = retry.Reason; // visible while it is still pending
                attachment.NextAttemptAt = now + Settings.Backoff(attachment.Attempts);
                break;
            case DownloadOutcome.Failed failed:
                attachment.Status = AttachmentStatus.Failed;
                attachment.Error = failed.Reason;
                if (failed.Health is not null && connection is not null)
                    connection.Health = failed.Health; // W16
                break;
        }
        attachment.LeaseOwner = null;
        attachment.LeaseUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        if (attachment.Status != AttachmentStatus.Pending)
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Publish(
                new Tickets.AttachmentUpdated(attachment.Message.Ticket.WorkspaceId, attachment.Message.TicketId, attachment.MessageId), CancellationToken.None);
    }

    private async Task<DownloadOutcome> AttemptAsync(Attachment attachment, WhatsAppConnection? connection, IServiceProvider services, CancellationToken cancellationToken)
    {
        // W22: a contact card's `.vcf` came inside the message; it is stored like any file, without a download.
        if (InlineMedia.IsInline(attachment.SourceUrl))
        {
            if (InlineMedia.Content(attachment.SourceUrl!) is not { } content)
                return new DownloadOutcome.Failed("Not stored: the file inside the message could not be read.");
            using var stream = new MemoryStream(content);
            var key = await services.GetRequiredService<IAttachmentStore>().SaveAsync(stream, cancellationToken);
            return new DownloadOutcome.Downloaded(key, content.Length, attachment.ContentType);
        }
        if (connection is { Provider: WhatsAppProvider.Cloud, EncryptedToken: { } cloudToken })
            return await services.GetRequiredService<CloudMediaFetcher>().FetchAsync(
                attachment.SourceUrl!, services.GetRequiredService<SecretProtector>().Unprotect(cloudToken), cancellationToken);
        if (connection is not { Provider: WhatsAppProvider.Twilio, AccountSid: { } accountSid, EncryptedToken: { } encryptedToken })
            return new DownloadOutcome.Failed("Not downloaded: the WhatsApp number this file arrived on was disconnected.");
        if (TwilioMediaUrl.Problem(attachment.SourceUrl!, _apiBase, accountSid) is { } refused)
            return new DownloadOutcome.Failed(refused);
        var token = services.GetRequiredService<SecretProtector>().Unprotect(encryptedToken);
        return await fetcher.FetchAsync(new Uri(attachment.SourceUrl!), accountSid, token, cancellationToken);
    }
}
