using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Core.Delivery;

/// <summary>
/// The outbox worker's logic (W11, DESIGN.md §2b "delivery state machine"). Each pass claims due deliveries with a
/// lease — a conditional UPDATE, so two workers or two nodes never hold one row — and hands each to the provider.
/// The rows are the queue: whatever was queued before a crash or restart is found again by the next pass.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<SuppuoOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : IPollingJob
{
    private const int BatchSize = 16;
    private const int Parallelism = 4;

    private readonly SuppuoOptions.WorkerOptions _settings = options.Value.Workers;

    /// <summary>Names this worker's leases; unique per process, so a restarted node does not mistake old leases for its own.</summary>
    public string Owner { get; } = $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 31)]}/{Guid.NewGuid():N}";

    /// <summary>Sends what is due now; returns how many deliveries it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        // Filled as rows are won, so a shutdown in the middle of claiming still releases the ones already won.
        var claimed = new List<int>(BatchSize);
        try
        {
            await ClaimAsync(claimed, cancellationToken);
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (id, ct) => await DeliverSafelyAsync(id, ct));
        }
        finally
        {
            // Rows a shutdown kept us from finishing go back at once instead of waiting out the lease on the next start.
            // Their send mark stays, so one whose request may have gone out is still looked up before any resend.
            await ReleaseAsync(claimed);
        }
        return claimed.Count;
    }

    private async Task ReleaseAsync(List<int> claimed)
    {
        if (claimed.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Deliveries
            .Where(d => claimed.Contains(d.Id) && d.LeaseOwner == Owner)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
    }

    private async Task ClaimAsync(List<int> claimed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + _settings.Lease;
        var due = await Due(db, db.Deliveries, now).OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);

        foreach (var id in due)
        {
            // Re-checked inside the UPDATE: of two workers that both saw the row due, exactly one changes it.
            var won = await Due(db, db.Deliveries.Where(d => d.Id == id), now)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LeaseOwner, Owner).SetProperty(x => x.LeaseUntil, until), cancellationToken);
            if (won == 1)
                claimed.Add(id);
        }
    }

    /// <summary>
    /// Queued, due and free — and the first of its reply still queued, so that a reply's text and files reach the
    /// customer in the order the agent wrote them (W14).
    /// </summary>
    private static IQueryable<OutboundDelivery> Due(SuppuoDbContext db, IQueryable<OutboundDelivery> deliveries, DateTime now) =>
        deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now)
            && !db.Deliveries.Any(earlier => earlier.MessageId == d.MessageId && earlier.Id < d.Id && earlier.Status == DeliveryStatus.Queued));

    private async Task DeliverSafelyAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the pass releases the row, and the next start takes it again.
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Delivery {DeliveryId} was taken over by another worker after its lease ran out", id);
        }
        catch (Exception error)
        {
            // A bug or an outage of our own, not the provider's answer: try again later, without losing the row.
            logger.LogError(error, "Delivery {DeliveryId} could not be processed; it is retried in a minute", id);
            await using var scope = scopes.CreateAsyncScope();
            var retryAt = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Deliveries
                .Where(d => d.Id == id && d.LeaseOwner == Owner)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.NextAttemptAt, retryAt), CancellationToken.None);
        }
    }

    private async Task DeliverAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SuppuoDbContext>();
        var delivery = await db.Deliveries
            .Include(d => d.Message).ThenInclude(m => m.Ticket)
            .Include(d => d.Message).ThenInclude(m => m.Attachments)
            .Include(d => d.Message).ThenInclude(m => m.Deliveries)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == id && d.LeaseOwner == Owner, cancellationToken);
        if (delivery is null)
            return;

        var connection = delivery.ConnectionId is { } connectionId
            ? await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            : null;
        var outcome = await AttemptAsync(services, delivery, connection, cancellationToken);
        Record(delivery, connection, outcome);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None); // the answer is in: record it even while shutting down
        }
        catch (DbUpdateConcurrencyException)
        {
            // A receipt settled this delivery while the send was under way (e.g. Meta's webhook carrying our id after a
            // lost answer): its state is newer than ours, so ours is not written.
            logger.LogInformation("Delivery {DeliveryId} was settled by a receipt during the attempt; keeping the receipt's state", delivery.Id);
        }

        var message = delivery.Message;
        await services.GetRequiredService<IMediator>().Publish(new DeliveryUpdated(delivery.WorkspaceId, message.TicketId, message.Id), CancellationToken.None);
    }

    /// <summary>What no provider can send is failed here; the rest goes to the sender of the connection's provider.</summary>
    private static async Task<SendOutcome> AttemptAsync(IServiceProvider services, OutboundDelivery delivery, WhatsAppConnection? connection, CancellationToken cancellationToken)
    {
        if (connection is null)
            return new SendOutcome.Failed("Not sent: the WhatsApp number of this workspace was disconnected. Connect a number on the Channels page, then retry.");
        if (delivery.Attachment is { } file && OutboundWhatsAppFiles.KindOf(file.ContentType) is null)
            return new SendOutcome.Failed($"Not sent: WhatsApp does not take files of type {file.ContentType}.");
        // W18: a customer who shares no number is answered at their WhatsApp user id.
        if (CustomerOf(delivery.Message.Ticket) is not { } customer)
            return new SendOutcome.Failed("Not sent: the ticket has neither a customer phone number nor a WhatsApp user id.");

        var sender = services.GetRequiredKeyedService<IWhatsAppSender>(connection.Provider);
        return await sender.SendAsync(new OutboundWhatsApp(delivery, connection, customer, TextOf(delivery.Message), delivery.Attachment), cancellationToken);
    }

    private void Record(OutboundDelivery delivery, WhatsAppConnection? connection, SendOutcome outcome)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                delivery.Status = DeliveryStatus.Sent;
                delivery.ProviderMessageId = accepted.ProviderMessageId;
                delivery.Error = null;
                delivery.SendStartedAt = null;
                break;
            case SendOutcome.Retry retry:
                delivery.Error = retry.Reason;
                delivery.NextAttemptAt = now + _settings.Backoff(delivery.Attempts);
                if (!retry.MayHaveArrived)
                    delivery.SendStartedAt = null;
                break;
            case SendOutcome.Failed failed:
                delivery.Status = DeliveryStatus.Failed;
                delivery.Error = failed.Reason;
                delivery.SendStartedAt = null;
                if (failed.Health is not null && connection is not null)
                    connection.Health = failed.Health; // W16
                break;
        }
        delivery.LeaseOwner = null;
        delivery.LeaseUntil = null;
        delivery.UpdatedAt = now;
    }

    private static string? CustomerOf(Ticket ticket) => ticket.RequesterPhone ?? ticket.RequesterWhatsAppId;

    /// <summary>
    /// The text the customer gets. A files-only reply names the files that do not travel on their own, which the
    /// customer opens on the status page (W14).
    /// </summary>
    private static string TextOf(Message message) =>
        message.Body.Length > 0
            ? message.Body
            : string.Join("\n", message.Attachments.Where(a => message.Deliveries.All(d => d.AttachmentId != a.Id)).OrderBy(a => a.Id)
                .Select(a => $"[attachment: {a.FileName}]"));
}
