using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The ingest writer's batches on SQLite: one connection for the writer's lifetime and statements prepared once,
/// instead of EF's per batch — a context from the pool, SQL generated and parsed again for every insert, change
/// tracking. Through EF a new-ticket webhook cost 1.2 ms of CPU, most of it there (bench: ingest, docs/decisions/009).
/// The reads pass the batch's keys as one JSON array and name the join order (CROSS JOIN), so each is a walk down one
/// index that does not wait for the planner's statistics: a database analysed while empty had chosen to scan the
/// workspace's tickets for every batch. Same rows, same columns, same text formats as EF writes.
/// </summary>
internal sealed class SqliteIngestStore(string connectionString, SqliteWriteTurn writeTurn, TicketSearchMark searchMark) : IIngestStore
{
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF"; // EF's, so ordering and comparisons agree

    private SqliteConnection? _connection;
    private readonly Dictionary<string, SqliteCommand> _statements = [];

    public async Task WriteAsync(IngestBatch batch, DateTime now, Action decide)
    {
        var connection = Open();
        using var turn = await writeTurn.TakeAsync();
        using var transaction = connection.BeginTransaction(deferred: false); // IMMEDIATE: the write lock before the reads
        Load(batch, transaction);
        decide();
        Save(batch, now, transaction);
        // The new tickets join the search index in the transaction that creates them: here it costs 0.05 ms a ticket,
        // and on another connection each pass made this one wait its turn and read its pages again (docs/decisions/009).
        IndexNewTickets.PassResult? indexed = batch.NewTickets.Count > 0 ? IndexNewTickets.Pass(connection, transaction) : null;
        transaction.Commit();
        if (indexed is { } pass)
            searchMark.Reached(pass.IndexedUpTo); // before the batch's requests complete and announce their tickets
    }

    private SqliteConnection Open()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
            return _connection;
        Close();
        // EF switches foreign keys on for its connections; so does this one.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = false }.ToString());
        _connection.Open();
        SqliteConnectionSetupInterceptor.Configure(_connection);
        return _connection;
    }

    private void Load(IngestBatch batch, SqliteTransaction transaction)
    {
        using (var connections = Read(transaction, """
            SELECT c.Id, EXISTS (SELECT 1 FROM AutoReplySettings s WHERE s.WorkspaceId = c.WorkspaceId AND s.Enabled), c.BusinessNumberId, c.DefaultAssigneeId
            FROM json_each($ids) AS i CROSS JOIN WhatsAppConnections AS c ON c.Id = i.value
            WHERE c.DisconnectedAt IS NULL
            """, ("$ids", Json(batch.ConnectionIds))))
        {
            while (connections.Read())
            {
                batch.LiveConnections[connections.GetInt32(0)] = new ConnectionRoute(
                    connections.IsDBNull(2) ? 0 : connections.GetInt32(2), connections.IsDBNull(3) ? null : connections.GetString(3));
                if (connections.GetBoolean(1))
                    batch.AutoReplyConnections.Add(connections.GetInt32(0));
            }
        }

        // Across the workspace, not the connection: see EfIngestStore.
        var workspaces = batch.WorkspaceIds.ToHashSet();
        using (var stored = Read(transaction, """
            SELECT t.WorkspaceId, m.ProviderMessageId, m.Id, m.TicketId, t.Status
            FROM json_each($ids) AS i CROSS JOIN Messages AS m ON m.ProviderMessageId = i.value CROSS JOIN Tickets AS t ON t.Id = m.TicketId
            WHERE m.ConnectionId IS NOT NULL
            """, ("$ids", Json(batch.ProviderMessageIds))))
        {
            while (stored.Read())
            {
                if (workspaces.Contains(stored.GetInt32(0)))
                    batch.Stored.TryAdd((stored.GetInt32(0), stored.GetString(1)), new StoredMessage(stored.GetInt32(2), stored.GetInt32(3), Enum.Parse<TicketStatus>(stored.GetString(4))));
            }
        }

        // W22: only a batch that quotes pays for this — two walks down the provider-id indexes.
        if (batch.QuotedIds.Any())
        {
            using var quoted = Read(transaction, """
                SELECT t.WorkspaceId, m.ProviderMessageId, m.Id
                FROM json_each($ids) AS i CROSS JOIN Messages AS m ON m.ProviderMessageId = i.value CROSS JOIN Tickets AS t ON t.Id = m.TicketId
                UNION ALL
                SELECT d.WorkspaceId, d.ProviderMessageId, d.MessageId
                FROM json_each($ids) AS i CROSS JOIN Deliveries AS d ON d.ProviderMessageId = i.value
                """, ("$ids", Json(batch.QuotedIds)));
            while (quoted.Read())
                if (workspaces.Contains(quoted.GetInt32(0)))
                    batch.Quoted.TryAdd((quoted.GetInt32(0), quoted.GetString(1)), quoted.GetInt32(2));
        }

        using (var conversations = Read(transaction, """
            SELECT c.WorkspaceId, c.BusinessNumberId, c.RequesterKey
            FROM json_each($customers) AS k CROSS JOIN Conversations AS c
                ON c.WorkspaceId = k.value ->> 0 AND c.BusinessNumberId = k.value ->> 1 AND c.RequesterKey = k.value ->> 2
            """, ("$customers", Json(batch.Customers))))
        {
            while (conversations.Read())
                batch.Conversations.Add(new CustomerOfNumber(conversations.GetInt32(0), conversations.GetInt32(1), conversations.GetString(2)));
        }

        ReadOpenTickets(batch, transaction, "RequesterPhone", Json(batch.Phones));
        if (batch.UserIds.Any())
            ReadOpenTickets(batch, transaction, "RequesterWhatsAppId", Json(batch.UserIds));
    }

    private void ReadOpenTickets(IngestBatch batch, SqliteTransaction transaction, string column, string customers)
    {
        using var open = Read(transaction, $"""
            SELECT t.Id, t.WorkspaceId, t.Status, t.RequesterName, t.RequesterPhone, t.RequesterWhatsAppId, t.UpdatedAt, t.LastMessageAt, t.BusinessNumberId
            FROM json_each($customers) AS k CROSS JOIN Tickets AS t ON t.WorkspaceId = k.value ->> 0 AND t.{column} = k.value ->> 1
            WHERE t.Status <> 'Closed'
            """, ("$customers", customers));
        while (open.Read())
        {
            var id = open.GetInt32(0);
            if (batch.OpenTickets.Any(t => t.Id == id)) // found by phone already
                continue;
            batch.OpenTickets.Add(new Ticket
            {
                Id = id,
                WorkspaceId = open.GetInt32(1),
                Status = Enum.Parse<TicketStatus>(open.GetString(2)),
                RequesterName = open.IsDBNull(3) ? null : open.GetString(3),
                RequesterPhone = open.IsDBNull(4) ? null : open.GetString(4),
                RequesterWhatsAppId = open.IsDBNull(5) ? null : open.GetString(5),
                UpdatedAt = Utc(open.GetDateTime(6)),
                LastMessageAt = Utc(open.GetDateTime(7)),
                BusinessNumberId = open.IsDBNull(8) ? null : open.GetInt32(8),
            });
        }
    }

    private void Save(IngestBatch batch, DateTime now, SqliteTransaction transaction)
    {
        foreach (var (workspaceId, numberId, key) in batch.NewConversations)
            Write(transaction, "INSERT INTO Conversations (WorkspaceId, BusinessNumberId, RequesterKey, CreatedAt) VALUES ($workspace, $number, $key, $now)",
                ("$workspace", workspaceId), ("$number", numberId), ("$key", key), ("$now", Text(now)));

        foreach (var ticket in batch.NewTickets)
        {
            ticket.Id = Convert.ToInt32(Scalar(transaction, """
                INSERT INTO Tickets (WorkspaceId, Subject, Status, Channel, RequesterName, RequesterEmail, RequesterPhone, RequesterWhatsAppId,
                    AssigneeId, BusinessNumberId, StatusToken, CreatedAt, UpdatedAt, LastMessageAt)
                VALUES ($workspace, $subject, $status, $channel, $name, $email, $phone, $userId, $assignee, $number, $token, $created, $updated, $last)
                RETURNING Id
                """,
                ("$workspace", ticket.WorkspaceId), ("$subject", ticket.Subject), ("$status", ticket.Status.ToString()), ("$channel", ticket.Channel.ToString()),
                ("$name", ticket.RequesterName), ("$email", ticket.RequesterEmail), ("$phone", ticket.RequesterPhone), ("$userId", ticket.RequesterWhatsAppId),
                ("$assignee", ticket.AssigneeId), ("$number", ticket.BusinessNumberId), ("$token", ticket.StatusToken),
                ("$created", Text(ticket.CreatedAt)), ("$updated", Text(ticket.UpdatedAt)), ("$last", Text(ticket.LastMessageAt))));
        }

        foreach (var ticket in batch.ChangedTickets)
            Write(transaction, "UPDATE Tickets SET Status = $status, UpdatedAt = $updated, LastMessageAt = $last, SnoozedUntil = NULL WHERE Id = $id",
                ("$status", ticket.Status.ToString()), ("$updated", Text(ticket.UpdatedAt)), ("$last", Text(ticket.LastMessageAt)), ("$id", ticket.Id));
        // Apart: naming these columns re-indexes the ticket for search, which only a change of them should cost.
        foreach (var ticket in batch.ChangedRequesters)
            Write(transaction, "UPDATE Tickets SET RequesterName = $name, RequesterPhone = $phone, RequesterWhatsAppId = $userId WHERE Id = $id",
                ("$name", ticket.RequesterName), ("$phone", ticket.RequesterPhone), ("$userId", ticket.RequesterWhatsAppId), ("$id", ticket.Id));

        foreach (var message in batch.NewMessages)
        {
            message.TicketId = message.Ticket.Id;
            message.Id = Convert.ToInt32(Scalar(transaction, """
                INSERT INTO Messages (TicketId, Author, Internal, Body, Kind, AuthorUserId, ConnectionId, ProviderMessageId, CreatedAt, ReplyToMessageId)
                VALUES ($ticket, $author, $internal, $body, $kind, $user, $connection, $providerId, $created, $replyTo)
                RETURNING Id
                """,
                ("$ticket", message.TicketId), ("$author", message.Author.ToString()), ("$internal", message.Internal), ("$body", message.Body), ("$kind", message.Kind.ToString()),
                ("$user", message.AuthorUserId), ("$connection", message.ConnectionId), ("$providerId", message.ProviderMessageId), ("$created", Text(message.CreatedAt)),
                ("$replyTo", message.ReplyToMessageId)));
            foreach (var attachment in message.Attachments)
            {
                attachment.MessageId = message.Id;
                attachment.Id = Convert.ToInt32(Scalar(transaction, """
                    INSERT INTO Attachments (MessageId, FileName, ContentType, Size, StorageKey, SourceUrl, Status, Error, CreatedAt, Attempts, NextAttemptAt, WhatsAppRefusal)
                    VALUES ($message, $name, $type, $size, $key, $source, $status, $error, $created, $attempts, $next, $refusal)
                    RETURNING Id
                    """,
                    ("$message", attachment.MessageId), ("$name", attachment.FileName), ("$type", attachment.ContentType), ("$size", attachment.Size),
                    ("$key", attachment.StorageKey), ("$source", attachment.SourceUrl), ("$status", attachment.Status.ToString()), ("$error", attachment.Error),
                    ("$created", Text(attachment.CreatedAt)), ("$attempts", attachment.Attempts),
                    ("$next", attachment.NextAttemptAt is { } next ? Text(next) : null), ("$refusal", attachment.WhatsAppRefusal)));
            }
        }

        if (batch.ReceivingConnections.Count > 0) // a batch of provider retries only writes nothing
            Write(transaction, "UPDATE WhatsAppConnections SET LastInboundAt = $now WHERE Id IN (SELECT value FROM json_each($ids))",
                ("$now", Text(now)), ("$ids", Json(batch.ReceivingConnections)));
    }

    private SqliteDataReader Read(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Prepared(transaction, sql, parameters).ExecuteReader();

    private object? Scalar(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Prepared(transaction, sql, parameters).ExecuteScalar();

    private void Write(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Prepared(transaction, sql, parameters).ExecuteNonQuery();

    /// <summary>The statement for this SQL, prepared on first use and kept with its connection; only the values change.</summary>
    private SqliteCommand Prepared(SqliteTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            _statements.Add(sql, command);
        }
        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return command;
    }

    private static string Text(DateTime value) => value.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string Json<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values);

    /// <summary>Pairs as `[[workspace, "key"], …]`, read in SQL with `->> 0` and `->> 1`.</summary>
    private static string Json(IEnumerable<(int WorkspaceId, string Key)> pairs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (workspaceId, key) in pairs)
            {
                json.WriteStartArray();
                json.WriteNumberValue(workspaceId);
                json.WriteStringValue(key);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Triples as `[[workspace, number, "key"], …]`, read in SQL with `->> 0`, `->> 1` and `->> 2`.</summary>
    private static string Json(IEnumerable<CustomerOfNumber> customers) =>
        JsonSerializer.Serialize(customers.Select(c => new object[] { c.WorkspaceId, c.NumberId, c.RequesterKey }));

    private void Close()
    {
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _statements.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
