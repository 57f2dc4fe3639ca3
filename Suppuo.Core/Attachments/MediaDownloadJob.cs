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
/// "Media after the 200" (W8, DESIGN.md §2b): pending attachment rows are the queue of a durable job that downloads
/// each file with its account's credentials and sets it `ready` or `failed` with the reason. A claim pushes the row's
/// next attempt past a lease in one conditional UPDATE, so two workers or nodes never fetch the same file at once.
/// </summary>
public sealed class MediaDownloadJob(
    IServiceScopeFactory scopes, TwilioMediaFetcher fetcher, IAttachmentStore store, IOptions<SuppuoOptions> options,
    TimeProvider clock, ILogger<MediaDownloadJob> logger) : IPollingJob
{
    private const int BatchSize = 8;

    private readonly SuppuoOptions.WorkerOptions _settings = options.Value.Workers;
    private readonly Uri _apiBase = new(options.Value.Twilio.ApiBaseUrl);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var leaseEnd = clock.GetUtcNow().UtcDateTime + _settings.Lease;
        var claimed = await ClaimAsync(leaseEnd, cancellationToken);
        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (id, ct) => await DownloadSafelyAsync(id, ct));
        }
        finally
        {
            // Files a shutdown kept us from finishing are due again at once on the next start, not after the lease.
            await ReleaseAsync(claimed, leaseEnd);
        }
        return claimed.Count;
    }

    private async Task<List<int>> ClaimAsync(DateTime leaseEnd, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await Due(db.Attachments, now).OrderBy(a => a.Id).Select(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var claimed = new List<int>(due.Count);
        foreach (var id in due)
            if (await Due(db.Attachments.Where(a => a.Id == id), now).ExecuteUpdateAsync(a => a.SetProperty(x => x.NextAttemptAt, leaseEnd), cancellationToken) == 1)
                claimed.Add(id);
        return claimed;
    }

    private async Task ReleaseAsync(List<int> claimed, DateTime leaseEnd)
    {
        if (claimed.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Attachments
            .Where(a => claimed.Contains(a.Id) && a.Status == AttachmentStatus.Pending && a.NextAttemptAt == leaseEnd)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.NextAttemptAt, (DateTime?)null), CancellationToken.None);
    }

    private static IQueryable<Attachment> Due(IQueryable<Attachment> attachments, DateTime now) =>
        attachments.Where(a => a.Status == AttachmentStatus.Pending && a.SourceUrl != null && (a.NextAttemptAt == null || a.NextAttemptAt <= now));

    private async Task DownloadSafelyAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await DownloadAsync(id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the pass releases the row and the next start downloads it again (downloads are repeatable).
        }
        catch (Exception error)
        {
            // Our own failure (storage full, database busy): the row stays pending and is tried again in a minute.
            logger.LogError(error, "Attachment {AttachmentId} could not be downloaded; it is tried again in a minute", id);
            await using var scope = scopes.CreateAsyncScope();
            var retryAt = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Attachments
                .Where(a => a.Id == id && a.Status == AttachmentStatus.Pending)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.NextAttemptAt, retryAt), CancellationToken.None);
        }
    }

    private async Task DownloadAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var attachment = await db.Attachments.Include(a => a.Message).ThenInclude(m => m.Ticket).SingleAsync(a => a.Id == id, cancellationToken);
        var connection = attachment.Message.ConnectionId is { } connectionId
            ? await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            : null;

        var outcome = await AttemptAsync(attachment, connection, scope.ServiceProvider, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (outcome)
        {
            case DownloadOutcome.Downloaded downloaded:
                await using (downloaded.Content)
                {
                    attachment.Size = downloaded.Content.Length;
                    attachment.StorageKey = await store.SaveAsync(downloaded.Content, cancellationToken);
                }
                if (attachment.ContentType == "application/octet-stream")
                    attachment.ContentType = downloaded.ContentType;
                attachment.Status = AttachmentStatus.Ready;
                attachment.Error = null;
                break;
            case DownloadOutcome.Retry retry when now - attachment.CreatedAt > _settings.GiveUpAfter:
                attachment.Status = AttachmentStatus.Failed;
                attachment.Error = $"Not downloaded after {Durations.Describe(_settings.GiveUpAfter)} of trying. Last error: {retry.Reason}";
                break;
            case DownloadOutcome.Retry retry:
                attachment.Attempts++;
                attachment.Error = retry.Reason; // visible while it is still pending
                attachment.NextAttemptAt = now + _settings.Backoff(attachment.Attempts);
                break;
            case DownloadOutcome.Failed failed:
                attachment.Status = AttachmentStatus.Failed;
                attachment.Error = failed.Reason;
                if (failed.Health is not null && connection is not null)
                    connection.Health = failed.Health; // W16
                break;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if (attachment.Status != AttachmentStatus.Pending)
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Publish(
                new Tickets.AttachmentUpdated(attachment.Message.Ticket.WorkspaceId, attachment.Message.TicketId, attachment.MessageId), CancellationToken.None);
    }

    private async Task<DownloadOutcome> AttemptAsync(Attachment attachment, WhatsAppConnection? connection, IServiceProvider services, CancellationToken cancellationToken)
    {
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
