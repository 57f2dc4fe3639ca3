using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Operations;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The group-commit writer of docs/decisions/002-group-commit-ingest.md. Every inbound message goes through this one in-process writer, which
/// commits all messages waiting at that moment in one transaction; each caller awaits its own message's commit.
/// Alone, a message commits at once; under load, batches grow and the disk's commit rate stops being the limit.
/// Being the only writer is also the conversation lock on SQLite: threading decisions never race (W5, W7). The
/// transaction is IMMEDIATE, so a second process on the same file waits instead of deciding on stale reads, and the
/// unique indexes on (connection, provider message id) and (workspace, requester) catch anything that slips by.
/// On PostgreSQL each node has its own writer and they commit side by side: there the batch first takes its customers'
/// conversation rows with row locks (docs/decisions/007-postgresql-and-redis.md).
/// </summary>
public sealed class IngestWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteWriteTurn _sqliteWriteTurn;
    private readonly TicketSearchMark _searchMark;
    private readonly TimeProvider _clock;
    private readonly ILogger<IngestWriter> _logger;
    private readonly Task _loop;
    private IIngestStore? _store;

    public IngestWriter(IServiceScopeFactory scopes, SqliteWriteTurn sqliteWriteTurn, TicketSearchMark searchMark, TimeProvider clock, ILogger<IngestWriter> logger)
    {
        _scopes = scopes;
        _sqliteWriteTurn = sqliteWriteTurn;
        _searchMark = searchMark;
        _clock = clock;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the message is committed (or recognised as already stored).</summary>
    public Task<IngestResult> WriteAsync(ReceiveWhatsAppMessage message, CancellationToken cancellationToken)
    {
        // The webhook's trace continues in the batch that commits the message (W25): its context rides along, a struct.
        var pending = new Pending(message, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The ingest writer is shutting down.");
        // A caller that gives up does not take the message back: it is committed all the same.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            using var activity = SuppuoTelemetry.Source.HasListeners() ? StartBatchActivity(batch) : null;
            try
            {
                var started = Stopwatch.GetTimestamp();
                await CommitAsync(batch);
                // Per batch, not per message: what the hot path pays for metrics (dotnet-counters --counters Suppuo, or /metrics).
                SuppuoTelemetry.IngestBatchSize.Record(batch.Count);
                SuppuoTelemetry.IngestCommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception error)
            {
                // One message that cannot be stored must not fail the others: commit each alone, so only it fails.
                _logger.LogWarning(error, "A batch of {Count} inbound messages failed; committing them one by one", batch.Count);
                foreach (var pending in batch)
                    await CommitAloneAsync(pending);
            }
        }
    }

    /// <summary>
    /// The batch's span, a child of its first message's webhook and linked to every other's, so that each webhook's trace
    /// reaches the commit that stored it. Only made while something listens (a trace exporter).
    /// </summary>
    private static Activity? StartBatchActivity(List<Pending> batch)
    {
        var links = new List<ActivityLink>(batch.Count);
        foreach (var pending in batch.Skip(1))
            if (pending.Trace != default)
                links.Add(new ActivityLink(pending.Trace));
        var activity = SuppuoTelemetry.Source.StartActivity("suppuo.ingest.commit", ActivityKind.Internal, batch[0].Trace, links: links);
        activity?.SetTag("suppuo.ingest.batch_size", batch.Count);
        return activity;
    }

    private async Task CommitAloneAsync(Pending pending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitAsync([pending]);
                return;
            }
            catch (Exception error) when (attempt == 1 && UniqueViolation.Caused(error))
            {
                // Another node stored this very message between our check and our insert: once more, it reads as the
                // duplicate it is and answers 200 without a change (W7).
            }
            catch (Exception error)
            {
                _logger.LogError(error, "Inbound message {MessageId} could not be stored", pending.Message.ProviderMessageId);
                pending.Completion.TrySetException(error);
                return;
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> pending)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var batch = new IngestBatch(pending.Select(p => p.Message).ToList());
        var outcomes = new List<(Pending Pending, Func<IngestResult> Result)>(pending.Count);
        var refused = new List<Pending>();
        await Store().WriteAsync(batch, now, () =>
        {
            foreach (var one in pending)
            {
                // W2: routed a moment ago (webhook routes are remembered briefly), its number was disconnected since.
                if (!batch.LiveConnections.ContainsKey(one.Message.ConnectionId))
                    refused.Add(one);
                else
                    outcomes.Add((one, Stage(batch, one.Message, now)));
            }
        });
        foreach (var one in refused)
            one.Completion.TrySetException(new NotFoundException("This WhatsApp number was disconnected; the message was not stored."));
        foreach (var (one, result) in outcomes)
            one.Completion.TrySetResult(result());
    }

    /// <summary>SQLite's own store, decided on the first batch (the context says which database this is); EF's otherwise.</summary>
    private IIngestStore Store()
    {
        if (_store is not null)
            return _store;
        using var scope = _scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().Database;
        return _store = database.IsSqlite() ? new SqliteIngestStore(database.GetConnectionString()!, _sqliteWriteTurn, _searchMark) : new EfIngestStore(_scopes);
    }

    /// <summary>Adds one message to the batch's writes; the returned function reads its ids once they are saved.</summary>
    private static Func<IngestResult> Stage(IngestBatch batch, ReceiveWhatsAppMessage message, DateTime now)
    {
        // W7: a provider retry of a stored message changes nothing.
        var idKey = (message.ConnectionId, message.ProviderMessageId);
        if (batch.MessagesById.TryGetValue(idKey, out var earlier))
            return () => new IngestResult(message.WorkspaceId, earlier.Ticket.Id, earlier.Id, Duplicate: true, false, null, earlier.Ticket.Status);
        if (batch.Stored.TryGetValue((message.WorkspaceId, message.ProviderMessageId), out var stored))
            return () => new IngestResult(message.WorkspaceId, stored.TicketId, stored.Id, Duplicate: true, false, null, stored.Status);

        var route = batch.LiveConnections[message.ConnectionId];
        var conversationKey = batch.CustomerOf(message);
        // Within a batch the new tickets are not in the database yet: find them by phone or by user id (W18).
        var ticket = batch.TicketsByCustomer.GetValueOrDefault(conversationKey)
            ?? (message.FromUserId is { } userId ? batch.TicketsByCustomer.GetValueOrDefault(conversationKey with { RequesterKey = "wa:" + userId }) : null);
        if (ticket is null)
        {
            if (batch.Conversations.Add(conversationKey))
                batch.NewConversations.Add(conversationKey);
            ticket = batch.OpenTicketOf(message, route.NumberId);
        }
        var created = ticket is null;
        if (ticket is null)
        {
            // W6: a new ticket when the customer has no non-closed one.
            ticket = new Ticket
            {
                WorkspaceId = message.WorkspaceId,
                Channel = TicketChannel.WhatsApp,
                Subject = SubjectLine.From(message.Text),
                RequesterPhone = message.FromPhone,
                RequesterWhatsAppId = message.FromUserId,
                RequesterName = Trimmed(message.ProfileName, Ticket.RequesterNameMaxLength),
                // W19: the number written to, and that number's default assignee.
                BusinessNumberId = route.NumberId == 0 ? null : route.NumberId,
                AssigneeId = route.DefaultAssigneeId,
                StatusToken = StatusToken.New(),
                CreatedAt = now,
                UpdatedAt = now,
                LastMessageAt = message.SentAt ?? now,
            };
            batch.NewTickets.Add(ticket);
        }
        var existing = !batch.NewTickets.Contains(ticket);
        if (existing)
            batch.ChangedTickets.Add(ticket);
        batch.TicketsByCustomer[conversationKey] = ticket;
        if (message.FromUserId is { } knownUserId)
            batch.TicketsByCustomer[conversationKey with { RequesterKey = "wa:" + knownUserId }] = ticket;
        // W18: a customer known by user id who now shares a number (or the reverse) keeps one ticket, now with both.
        var requesterBefore = (ticket.RequesterPhone, ticket.RequesterWhatsAppId, ticket.RequesterName);
        if (ticket.RequesterPhone is null && message.FromPhone is not null)
            ticket.RequesterPhone = message.FromPhone;
        ticket.RequesterWhatsAppId ??= message.FromUserId;
        ticket.RequesterName ??= Trimmed(message.ProfileName, Ticket.RequesterNameMaxLength);
        if (existing && requesterBefore != (ticket.RequesterPhone, ticket.RequesterWhatsAppId, ticket.RequesterName))
            batch.ChangedRequesters.Add(ticket);

        var sentAt = message.SentAt ?? now;
        var inbound = new Message
        {
            Ticket = ticket,
            // W22: what the provider reports (an unsupported edit, an identity change) is the system's note, not the customer's words.
            Author = message.Kind == MessageKind.System ? MessageAuthor.System : MessageAuthor.Requester,
            Body = BodyOf(message),
            Kind = message.Kind,
            // W22: a quote of a message Suppuo never stored (older than the install) is just not linked.
            ReplyToMessageId = message.QuotedProviderMessageId is { } quoted && batch.Quoted.TryGetValue((message.WorkspaceId, quoted), out var quotedId) ? quotedId : null,
            ConnectionId = message.ConnectionId,
            ProviderMessageId = message.ProviderMessageId,
            CreatedAt = sentAt,
        };
        var position = 0;
        foreach (var media in message.Media)
        {
            inbound.Attachments.Add(new Attachment
            {
                FileName = media.AttachmentName(++position),
                ContentType = string.IsNullOrWhiteSpace(media.ContentType) ? "application/octet-stream" : TextBounds.Cut(media.ContentType, Attachment.ContentTypeMaxLength),
                SourceUrl = media.Source,
                Status = AttachmentStatus.Pending, // downloaded after the 200 (W8)
                CreatedAt = now,
            });
        }
        batch.NewMessages.Add(inbound);
        batch.MessagesById[idKey] = inbound;

        var statusBefore = created ? (TicketStatus?)null : ticket.Status;
        var lastBefore = created ? DateTime.MinValue : ticket.LastMessageAt;
        if (inbound.Author == MessageAuthor.Requester)
            ticket.OnRequesterMessage(now); // T2
        // Ordered by the message's own time: a back-filled older message never moves a ticket up.
        ticket.LastMessageAt = sentAt > lastBefore ? sentAt : lastBefore;
        // "Webhook working" on the channel card means the webhook: a message only the back-fill found does not count.
        if (!message.Backfilled)
            batch.ReceivingConnections.Add(message.ConnectionId);

        var statusAfter = ticket.Status;
        var autoReply = created && batch.AutoReplyConnections.Contains(message.ConnectionId);
        return () => new IngestResult(message.WorkspaceId, ticket.Id, inbound.Id, Duplicate: false, created, statusBefore, statusAfter, autoReply);
    }

    /// <summary>The text; a media-only message reads one `[attachment: photo-1.jpg]` line per file (W8).</summary>
    private static string BodyOf(ReceiveWhatsAppMessage message)
    {
        var text = message.Text?.Trim() ?? "";
        if (text.Length > Message.BodyMaxLength)
            text = text[..(Message.BodyMaxLength - 1)] + "…";
        if (text.Length > 0 || message.Media.Count == 0)
            return text;
        return string.Join("\n", message.Media.Select((m, i) => $"[attachment: {m.AttachmentName(i + 1)}]"));
    }

    private static string? Trimmed(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : TextBounds.Cut(value.Trim(), max);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_store is not null)
            await _store.DisposeAsync();
    }

    private sealed record Pending(ReceiveWhatsAppMessage Message, TaskCompletionSource<IngestResult> Completion, ActivityContext Trace);
}
