using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Operations;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Core.Delivery;

/// <summary>
/// The outbox worker's logic (W11, docs/decisions/003-outbox-leases-and-ambiguous-sends.md): a <see cref="DurableQueue{TRow}"/> over the
/// deliveries that hands each claimed one to the sender of its connection's provider and records what came of it.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<SuppuoOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : DurableQueue<OutboundDelivery>(scopes, options, clock)
{
    protected override int BatchSize => 16;
    protected override int Parallelism => 4;

    protected override IQueryable<OutboundDelivery> Table(SuppuoDbContext db) => db.Deliveries;

    /// <summary>
    /// Queued, due and free — and the first of its reply still queued, so that a reply's text and files reach the
    /// customer in the order the agent wrote them (W14).
    /// </summary>
    protected override IQueryable<OutboundDelivery> Due(SuppuoDbContext db, IQueryable<OutboundDelivery> deliveries, DateTime now) =>
        deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now)
            && !db.Deliveries.Any(earlier => earlier.MessageId == d.MessageId && earlier.Id < d.Id && earlier.Status == DeliveryStatus.Queued));

    protected override IOrderedQueryable<OutboundDelivery> InClaimOrder(IQueryable<OutboundDelivery> due) => due.OrderBy(d => d.NextAttemptAt);

    protected override Task WorkAsync(int id, CancellationToken cancellationToken) => DeliverSafelyAsync(id, cancellationToken);

    private async Task DeliverSafelyAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the pass gives the row back, and the next start takes it again.
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Delivery {DeliveryId} was taken over by another worker after its lease ran out", id);
        }
        catch (Exception error)
        {
            // A bug or an outage of our own, not the provider's answer: try again later, without losing the row. The lease
            // goes with it, as the pass gives back only what a shutdown interrupted.
            logger.LogError(error, "Delivery {DeliveryId} could not be processed; it is retried in a minute", id);
            await using var scope = Scopes.CreateAsyncScope();
            var retryAt = Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Deliveries
                .Where(d => d.Id == id && d.LeaseOwner == Owner)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.NextAttemptAt, retryAt)
                    .SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
    }

    private async Task DeliverAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
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
        if (!connection.IsConnected) // W19: disconnected after the reply was queued
            return new SendOutcome.Failed(WhatsApp.ReplyConnection.DisconnectedReason(connection));
        if (delivery.Attachment is { } file && OutboundWhatsAppFiles.KindOf(file.ContentType) is null)
            return new SendOutcome.Failed($"Not sent: WhatsApp does not take files of type {file.ContentType}.");
        // W18: a customer who shares no number is answered at their WhatsApp user id.
        if (CustomerOf(delivery.Message.Ticket) is not { } customer)
            return new SendOutcome.Failed("Not sent: the ticket has neither a customer phone number nor a WhatsApp user id.");

        var sender = services.GetRequiredKeyedService<IWhatsAppSender>(connection.Provider);
        var text = delivery.Message.Body.Length > 0 ? delivery.Message.Body : FilesOnlyText(delivery.Message, await WordsOfAsync(services, delivery, cancellationToken));
        return await sender.SendAsync(new OutboundWhatsApp(delivery, connection, customer, text, delivery.Attachment), cancellationToken);
    }

    private void Record(OutboundDelivery delivery, WhatsAppConnection? connection, SendOutcome outcome)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                delivery.Status = DeliveryStatus.Sent;
                delivery.ProviderMessageId = accepted.ProviderMessageId;
                delivery.Error = null;
                delivery.SendStartedAt = null;
                break;
            case SendOutcome.Retry retry:
                SuppuoTelemetry.DeliveriesFailed.Add(1, SuppuoTelemetry.Provider(ProviderTag(connection)), new("reason", "transient"));
                delivery.Error = retry.Reason;
                delivery.NextAttemptAt = now + Settings.Backoff(delivery.Attempts);
                if (!retry.MayHaveArrived)
                    delivery.SendStartedAt = null;
                break;
            case SendOutcome.Failed failed:
                SuppuoTelemetry.DeliveriesFailed.Add(1, SuppuoTelemetry.Provider(ProviderTag(connection)), new("reason", connection is null ? "disconnected" : "refused"));
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

    private static string ProviderTag(WhatsAppConnection? connection) => connection?.Provider switch
    {
        WhatsAppProvider.Twilio => "twilio",
        WhatsAppProvider.Cloud => "cloud",
        _ => "none",
    };

    private static string? CustomerOf(Ticket ticket) => ticket.RequesterPhone ?? ticket.RequesterWhatsAppId;

    /// <summary>
    /// The text the customer gets. A files-only reply names the files that do not travel on their own, which the
    /// customer opens on the status page (W14), in the workspace's language (W24).
    /// </summary>
    private static string FilesOnlyText(Message message, CustomerText words) =>
        string.Join("\n", message.Attachments.Where(a => message.Deliveries.All(d => d.AttachmentId != a.Id)).OrderBy(a => a.Id)
            .Select(a => words.AttachmentPlaceholder(a.FileName)));

    private static async Task<CustomerText> WordsOfAsync(IServiceProvider services, OutboundDelivery delivery, CancellationToken cancellationToken) =>
        CustomerText.For(await services.GetRequiredService<SuppuoDbContext>().Workspaces
            .Where(w => w.Id == delivery.WorkspaceId).Select(w => w.Language).SingleOrDefaultAsync(cancellationToken));
}
