using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The ingest writer's batches through EF, on PostgreSQL: each node has its own writer and they commit side by side,
/// so the batch first takes its customers' conversation rows with row locks (docs/decisions/007-postgresql-and-redis.md).
/// </summary>
internal sealed class EfIngestStore(IServiceScopeFactory scopes) : IIngestStore
{
    public async Task WriteAsync(IngestBatch batch, DateTime now, Action decide)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // First the connections: the conversation to lock is per business number (W19), which the connection names.
        await LoadConnectionsAsync(db, batch);
        if (db.Database.IsNpgsql())
            await LockConversationsAsync(db, batch, now);
        await LoadAsync(db, batch);

        decide();

        db.Conversations.AddRange(batch.NewConversations.Select(c => new Conversation { WorkspaceId = c.WorkspaceId, BusinessNumberId = c.NumberId, RequesterKey = c.RequesterKey, CreatedAt = now }));
        db.Tickets.AddRange(batch.NewTickets);
        db.Messages.AddRange(batch.NewMessages);
        // The stored tickets were read tracked: their changes are saved with the rest.
        await db.SaveChangesAsync();
        // Last, so that on PostgreSQL the connection's row lock, which every node's batch wants, is held the shortest.
        var connections = batch.ReceivingConnections.ToList();
        if (connections.Count > 0) // a batch of provider retries only writes nothing
            await db.WhatsAppConnections.Where(c => connections.Contains(c.Id))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.LastInboundAt, now));
        await transaction.CommitAsync();
    }

    private static async Task LoadConnectionsAsync(SuppuoDbContext db, IngestBatch batch)
    {
        var connectionIds = batch.ConnectionIds.ToList();
        var connections = await db.WhatsAppConnections.Where(c => connectionIds.Contains(c.Id) && c.DisconnectedAt == null)
            .Select(c => new { c.Id, c.BusinessNumberId, c.DefaultAssigneeId, AutoReply = db.AutoReplySettings.Any(s => s.WorkspaceId == c.WorkspaceId && s.Enabled) })
            .ToListAsync();
        foreach (var connection in connections)
            batch.LiveConnections[connection.Id] = new ConnectionRoute(connection.BusinessNumberId ?? 0, connection.DefaultAssigneeId);
        batch.AutoReplyConnections.UnionWith(connections.Where(c => c.AutoReply).Select(c => c.Id));
    }

    private static async Task LoadAsync(SuppuoDbContext db, IngestBatch batch)
    {
        var workspaceIds = batch.WorkspaceIds.ToList();
        // Provider ids are unique at the provider: look across the workspace, so a number disconnected and connected
        // again (a new connection row) still recognises Meta's re-deliveries and back-filled messages.
        var providerIds = batch.ProviderMessageIds.ToList();
        var stored = await db.Messages.AsNoTracking()
            .Where(m => m.ProviderMessageId != null && providerIds.Contains(m.ProviderMessageId) && m.ConnectionId != null && workspaceIds.Contains(m.Ticket.WorkspaceId))
            .Select(m => new { m.Ticket.WorkspaceId, m.ProviderMessageId, Message = new StoredMessage(m.Id, m.TicketId, m.Ticket.Status) })
            .ToListAsync();
        foreach (var found in stored)
            batch.Stored.TryAdd((found.WorkspaceId, found.ProviderMessageId!), found.Message);

        // W22: only a batch that quotes pays for this — lookups by the provider-id indexes.
        var quotedIds = batch.QuotedIds.ToList();
        if (quotedIds.Count > 0)
        {
            var quotedMessages = await db.Messages.AsNoTracking()
                .Where(m => m.ProviderMessageId != null && quotedIds.Contains(m.ProviderMessageId) && workspaceIds.Contains(m.Ticket.WorkspaceId))
                .Select(m => new { m.Ticket.WorkspaceId, ProviderMessageId = m.ProviderMessageId!, m.Id }).ToListAsync();
            var quotedReplies = await db.Deliveries.AsNoTracking()
                .Where(d => d.ProviderMessageId != null && quotedIds.Contains(d.ProviderMessageId) && workspaceIds.Contains(d.WorkspaceId))
                .Select(d => new { d.WorkspaceId, ProviderMessageId = d.ProviderMessageId!, Id = d.MessageId }).ToListAsync();
            foreach (var found in quotedMessages.Concat(quotedReplies))
                batch.Quoted.TryAdd((found.WorkspaceId, found.ProviderMessageId), found.Id);
        }

        var keys = batch.Customers.Select(c => c.RequesterKey).ToList();
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => keys.Contains(c.RequesterKey) && workspaceIds.Contains(c.WorkspaceId))
            .Select(c => new { c.WorkspaceId, c.BusinessNumberId, c.RequesterKey })
            .ToListAsync();
        batch.Conversations.UnionWith(conversations.Select(c => new CustomerOfNumber(c.WorkspaceId, c.BusinessNumberId, c.RequesterKey)));

        var phones = batch.Phones.Select(p => (string?)p.Phone).ToList();
        var userIds = batch.UserIds.Select(u => (string?)u.UserId).ToList();
        var open = db.Tickets.Where(t => workspaceIds.Contains(t.WorkspaceId) && t.Status != TicketStatus.Closed);
        batch.OpenTickets.AddRange(await open.Where(t => phones.Contains(t.RequesterPhone)).ToListAsync());
        if (userIds.Count > 0)
        {
            // Tracked entities are one instance per row: skip those the phones already brought.
            var byUserId = await open.Where(t => userIds.Contains(t.RequesterWhatsAppId)).ToListAsync();
            batch.OpenTickets.AddRange(byUserId.Except(batch.OpenTickets));
        }
    }

    /// <summary>
    /// PostgreSQL: takes the conversation row of each customer and number in the batch — insert if missing, then lock it until
    /// commit — in one order on every node, so two nodes' batches never deadlock. Holding it, the duplicate check and
    /// the choice of ticket see whatever another node committed for that customer (W5, W7). EF has no
    /// `ON CONFLICT` or `FOR UPDATE`, hence the SQL.
    /// </summary>
    private static async Task LockConversationsAsync(SuppuoDbContext db, IngestBatch batch, DateTime now)
    {
        var customers = batch.Customers.OrderBy(c => c.WorkspaceId).ThenBy(c => c.NumberId).ThenBy(c => c.RequesterKey, StringComparer.Ordinal);
        foreach (var (workspaceId, numberId, key) in customers)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Conversations" ("WorkspaceId", "BusinessNumberId", "RequesterKey", "CreatedAt") VALUES ({workspaceId}, {numberId}, {key}, {now})
                ON CONFLICT ("WorkspaceId", "BusinessNumberId", "RequesterKey") DO NOTHING
                """);
            await db.Database.ExecuteSqlAsync($"""
                SELECT 1 FROM "Conversations" WHERE "WorkspaceId" = {workspaceId} AND "BusinessNumberId" = {numberId} AND "RequesterKey" = {key} FOR UPDATE
                """);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
