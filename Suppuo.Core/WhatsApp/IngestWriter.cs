using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The group-commit writer of DESIGN.md §2b. Every inbound message goes through this one in-process writer, which
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

    /// <summary>What the writer does under load, for `dotnet-counters monitor --counters Suppuo.Ingest` (bench: ingest).</summary>
    private static readonly Meter Meter = new("Suppuo.Ingest");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("suppuo.ingest.batch_size", "{message}", "Inbound messages committed together");
    private static readonly Histogram<double> CommitTime = Meter.CreateHistogram<double>("suppuo.ingest.batch_duration", "ms", "From a batch's first query to its commit");

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<IngestWriter> _logger;
    private readonly Task _loop;

    public IngestWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IngestWriter> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the message is committed (or recognised as already stored).</summary>
    public Task<IngestResult> WriteAsync(ReceiveWhatsAppMessage message, CancellationToken cancellationToken)
    {
        var pending = new Pending(message, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
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
            try
            {
                var started = Stopwatch.GetTimestamp();
                await CommitAsync(batch);
                BatchSize.Record(batch.Count);
                CommitTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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

    private async Task CommitAsync(IReadOnlyList<Pending> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await LockConversationsAsync(db, batch, now);

        var batchState = await BatchState.LoadAsync(db, batch.Select(p => p.Message).ToList());
        var outcomes = new List<(Pending Pending, Func<IngestResult> Result)>(batch.Count);
        foreach (var pending in batch)
        {
            // W2: routed a moment ago (webhook routes are remembered briefly), its number was disconnected since.
            if (!batchState.LiveConnections.Contains(pending.Message.ConnectionId))
                pending.Completion.TrySetException(new NotFoundException("This WhatsApp number was disconnected; the message was not stored."));
            else
                outcomes.Add((pending, Stage(db, pending.Message, batchState, now)));
        }

        await db.SaveChangesAsync();
        // Last, so that on PostgreSQL the connection's row lock, which every node's batch wants, is held the shortest.
        var connections = batchState.Connections.ToList();
        if (connections.Count > 0) // a batch of provider retries only writes nothing
            await db.WhatsAppConnections.Where(c => connections.Contains(c.Id))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.LastInboundAt, now));
        await transaction.CommitAsync();
        foreach (var (pending, result) in outcomes)
            pending.Completion.TrySetResult(result());
    }

    /// <summary>Adds one message to the unit of work; the returned function reads its ids once they are saved.</summary>
    private static Func<IngestResult> Stage(SuppuoDbContext db, ReceiveWhatsAppMessage message, BatchState batch, DateTime now)
    {
        // W7: a provider retry of a stored message changes nothing.
        var idKey = (message.ConnectionId, message.ProviderMessageId);
        if (batch.Messages.TryGetValue(idKey, out var earlier))
            return () => new IngestResult(message.WorkspaceId, earlier.TicketId, earlier.Id, Duplicate: true, false, null, earlier.Ticket.Status);
        if (batch.Stored.TryGetValue((message.WorkspaceId, message.ProviderMessageId), out var stored))
            return () => new IngestResult(message.WorkspaceId, stored.TicketId, stored.Id, Duplicate: true, false, null, stored.Status);

        var conversationKey = (message.WorkspaceId, message.RequesterKey);
        // Within a batch the new tickets are not in the database yet: find them by phone or by user id (W18).
        var ticket = batch.Tickets.GetValueOrDefault(conversationKey)
            ?? (message.FromUserId is { } userId ? batch.Tickets.GetValueOrDefault((message.WorkspaceId, "wa:" + userId)) : null);
        if (ticket is null)
        {
            if (batch.Conversations.Add(conversationKey))
                db.Conversations.Add(new WhatsApp.Conversation { WorkspaceId = message.WorkspaceId, RequesterKey = message.RequesterKey, CreatedAt = now });
            ticket = batch.OpenTicketOf(message);
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
                RequesterName = Trimmed(message.ProfileName, 200),
                StatusToken = StatusToken.New(),
                CreatedAt = now,
                UpdatedAt = now,
                LastMessageAt = message.SentAt ?? now,
            };
            db.Tickets.Add(ticket);
        }
        batch.Tickets[conversationKey] = ticket;
        if (message.FromUserId is { } knownUserId)
            batch.Tickets[(message.WorkspaceId, "wa:" + knownUserId)] = ticket;
        // W18: a customer known by user id who now shares a number (or the reverse) keeps one ticket, now with both.
        if (ticket.RequesterPhone is null && message.FromPhone is not null)
            ticket.RequesterPhone = message.FromPhone;
        ticket.RequesterWhatsAppId ??= message.FromUserId;
        ticket.RequesterName ??= Trimmed(message.ProfileName, 200);

        var sentAt = message.SentAt ?? now;
        var inbound = new Message
        {
            Ticket = ticket,
            Author = MessageAuthor.Requester,
            Body = BodyOf(message),
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
                ContentType = string.IsNullOrWhiteSpace(media.ContentType) ? "application/octet-stream" : media.ContentType,
                SourceUrl = media.Source,
                Status = AttachmentStatus.Pending, // downloaded after the 200 (W8)
                CreatedAt = now,
            });
        }
        db.Messages.Add(inbound);
        batch.Messages[idKey] = inbound;

        var statusBefore = created ? (TicketStatus?)null : ticket.Status;
        var lastBefore = created ? DateTime.MinValue : ticket.LastMessageAt;
        ticket.OnRequesterMessage(now); // T2
        // Ordered by the message's own time: a back-filled older message never moves a ticket up.
        ticket.LastMessageAt = sentAt > lastBefore ? sentAt : lastBefore;
        // "Webhook working" on the channel card means the webhook: a message only the back-fill found does not count.
        if (!message.Backfilled)
            batch.Connections.Add(message.ConnectionId);

        var statusAfter = ticket.Status;
        var autoReply = created && batch.AutoReplyConnections.Contains(message.ConnectionId);
        return () => new IngestResult(message.WorkspaceId, ticket.Id, inbound.Id, Duplicate: false, created, statusBefore, statusAfter, autoReply);
    }

    /// <summary>
    /// PostgreSQL: takes the conversation row of each customer in the batch — insert if missing, then lock it until
    /// commit — in one order on every node, so two nodes' batches never deadlock. Holding it, the duplicate check and
    /// the choice of ticket below see whatever another node committed for that customer (W5, W7). EF has no
    /// `ON CONFLICT` or `FOR UPDATE`, hence the SQL.
    /// </summary>
    private static async Task LockConversationsAsync(SuppuoDbContext db, IReadOnlyList<Pending> batch, DateTime now)
    {
        var customers = batch.Select(p => (p.Message.WorkspaceId, p.Message.RequesterKey)).Distinct()
            .OrderBy(c => c.WorkspaceId).ThenBy(c => c.RequesterKey, StringComparer.Ordinal);
        foreach (var (workspaceId, key) in customers)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Conversations" ("WorkspaceId", "RequesterKey", "CreatedAt") VALUES ({workspaceId}, {key}, {now})
                ON CONFLICT ("WorkspaceId", "RequesterKey") DO NOTHING
                """);
            await db.Database.ExecuteSqlAsync($"""
                SELECT 1 FROM "Conversations" WHERE "WorkspaceId" = {workspaceId} AND "RequesterKey" = {key} FOR UPDATE
                """);
        }
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
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Length <= max ? value.Trim() : value.Trim()[..max];

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(ReceiveWhatsAppMessage Message, TaskCompletionSource<IngestResult> Completion);

    /// <summary>
    /// What the batch needs to know from the database, read with a few queries for the whole batch instead of a few
    /// per message: the writer is the one thread every inbound message waits for (bench: ingest).
    /// </summary>
    private sealed class BatchState
    {
        public Dictionary<(int WorkspaceId, string RequesterKey), Ticket> Tickets { get; } = [];
        public Dictionary<(int ConnectionId, string ProviderMessageId), Message> Messages { get; } = [];
        public HashSet<int> Connections { get; } = [];
        /// <summary>The batch's connections whose workspace has its auto-reply on, read in the transaction that creates their tickets.</summary>
        public HashSet<int> AutoReplyConnections { get; private set; } = [];
        /// <summary>The batch's connections that still exist.</summary>
        public HashSet<int> LiveConnections { get; private set; } = [];
        /// <summary>Messages already stored, by workspace and provider id.</summary>
        public Dictionary<(int WorkspaceId, string ProviderMessageId), StoredMessage> Stored { get; } = [];
        /// <summary>Customers who have a conversation row (stored, or added by this batch).</summary>
        public HashSet<(int WorkspaceId, string RequesterKey)> Conversations { get; } = [];
        private List<Ticket> _openTickets = [];

        public static async Task<BatchState> LoadAsync(SuppuoDbContext db, IReadOnlyList<ReceiveWhatsAppMessage> messages)
        {
            var state = new BatchState();
            var workspaceIds = messages.Select(m => m.WorkspaceId).Distinct().ToList();
            var connectionIds = messages.Select(m => m.ConnectionId).Distinct().ToList();
            var connections = await db.WhatsAppConnections.Where(c => connectionIds.Contains(c.Id))
                .Select(c => new { c.Id, AutoReply = db.AutoReplySettings.Any(s => s.WorkspaceId == c.WorkspaceId && s.Enabled) })
                .ToListAsync();
            state.LiveConnections = connections.Select(c => c.Id).ToHashSet();
            state.AutoReplyConnections = connections.Where(c => c.AutoReply).Select(c => c.Id).ToHashSet();
            // Provider ids are unique at the provider: look across the workspace, so a number disconnected and connected
            // again (a new connection row) still recognises Meta's re-deliveries and back-filled messages.
            var providerIds = messages.Select(m => m.ProviderMessageId).Distinct().ToList();
            var stored = await db.Messages.AsNoTracking()
                .Where(m => m.ProviderMessageId != null && providerIds.Contains(m.ProviderMessageId) && m.ConnectionId != null && workspaceIds.Contains(m.Ticket.WorkspaceId))
                .Select(m => new { m.Ticket.WorkspaceId, m.ProviderMessageId, Message = new StoredMessage(m.Id, m.TicketId, m.Ticket.Status) })
                .ToListAsync();
            foreach (var found in stored)
                state.Stored.TryAdd((found.WorkspaceId, found.ProviderMessageId!), found.Message);

            var keys = messages.Select(m => m.RequesterKey).Distinct().ToList();
            var conversations = await db.Conversations.AsNoTracking()
                .Where(c => keys.Contains(c.RequesterKey) && workspaceIds.Contains(c.WorkspaceId))
                .Select(c => new { c.WorkspaceId, c.RequesterKey })
                .ToListAsync();
            foreach (var conversation in conversations)
                state.Conversations.Add((conversation.WorkspaceId, conversation.RequesterKey));

            // W5: the customers' non-closed tickets, by phone or by WhatsApp user id (W18), to choose from per message.
            var phones = messages.Where(m => m.FromPhone != null).Select(m => m.FromPhone).Distinct().ToList();
            var userIds = messages.Where(m => m.FromUserId != null).Select(m => m.FromUserId).Distinct().ToList();
            var open = db.Tickets.Where(t => workspaceIds.Contains(t.WorkspaceId) && t.Status != TicketStatus.Closed);
            state._openTickets = await open.Where(t => phones.Contains(t.RequesterPhone)).ToListAsync();
            if (userIds.Count > 0)
            {
                // Tracked entities are one instance per row: skip those the phones already brought.
                var byUserId = await open.Where(t => userIds.Contains(t.RequesterWhatsAppId)).ToListAsync();
                state._openTickets.AddRange(byUserId.Except(state._openTickets));
            }
            return state;
        }

        /// <summary>W5: the customer's most recently active non-closed ticket, by phone — or by WhatsApp user id when there is no phone (W18).</summary>
        public Ticket? OpenTicketOf(ReceiveWhatsAppMessage message) => _openTickets
            .Where(t => t.WorkspaceId == message.WorkspaceId)
            .Where(t => message.FromPhone is { } phone
                ? t.RequesterPhone == phone || (message.FromUserId != null && t.RequesterPhone == null && t.RequesterWhatsAppId == message.FromUserId)
                : t.RequesterWhatsAppId == message.FromUserId)
            .OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id)
            .FirstOrDefault();
    }

    private sealed record StoredMessage(int Id, int TicketId, TicketStatus Status);
}
