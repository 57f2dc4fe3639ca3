using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>Wakes <see cref="IndexNewTickets"/> when tickets were created.</summary>
public sealed class TicketSearchSignal : WorkSignal;

/// <summary>
/// How far the search index reaches, as last committed in this process. It may lag the database's mark, never pass it
/// (it moves after the commit), so a ticket at or below it is indexed for certain.
/// </summary>
public sealed class TicketSearchMark
{
    private long _indexedUpTo;

    public long IndexedUpTo => Volatile.Read(ref _indexedUpTo);

    internal void Reached(long indexedUpTo)
    {
        for (var seen = IndexedUpTo; seen < indexedUpTo; seen = IndexedUpTo)
            if (Interlocked.CompareExchange(ref _indexedUpTo, indexedUpTo, seen) == seen)
                return;
    }
}

/// <summary>
/// Wakes the worker for a ticket the index does not reach yet. A WhatsApp ticket is indexed in the batch that created
/// it; waking the worker for it anyway cost a pass with nothing to do per new ticket, each taking the write lock in the
/// writer's way (bench: ingest, three interleaved runs each: 2,476 / 2,545 / 2,358 → 2,664 / 2,826 / 2,735 new tickets
/// stored/s, at the same CPU per webhook).
/// </summary>
public sealed class WakeTicketSearch(TicketSearchSignal signal, TicketSearchMark mark) : INotificationHandler<TicketCreated>
{
    public Task Handle(TicketCreated created, CancellationToken cancellationToken)
    {
        if (created.TicketId > mark.IndexedUpTo)
            signal.Wake();
        return Task.CompletedTask;
    }
}

/// <summary>
/// SQLite: adds tickets created since the last pass to the search index, in id order, and moves the mark (migration
/// SearchIndexBehindIngest). The ingest writer runs a pass in each batch transaction that created tickets, on its own
/// connection; this worker catches the tickets other paths create (API, e-mail, web form, seed). Search stays exact
/// meanwhile by reading the tickets above the mark with LIKE. Each pass runs in a write transaction, so no ticket
/// commits below the mark after it moved.
/// </summary>
public sealed class IndexNewTickets(IServiceScopeFactory scopes, SqliteWriteTurn writeTurn, TicketSearchMark mark) : IPollingJob
{
    /// <summary>Small enough that a batch of inbound messages waiting for its turn meanwhile waits a few milliseconds.</summary>
    private const int BatchSize = 500;
    /// <summary>Pages of segment merging per pass: a few milliseconds, and passes come far more often than segments pile up.</summary>
    private const int MergePagesPerPass = 32;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        if (!db.Database.IsSqlite())
            return 0;
        using var turn = await writeTurn.TakeAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pass = Pass((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction());
        await transaction.CommitAsync(cancellationToken);
        mark.Reached(pass.IndexedUpTo);
        return pass.Indexed;
    }

    /// <summary>What a pass did: how many tickets joined the index, and the mark it left.</summary>
    internal readonly record struct PassResult(int Indexed, long IndexedUpTo);

    /// <summary>One pass in the caller's write transaction. The caller tells <see cref="TicketSearchMark"/> once it committed.</summary>
    internal static PassResult Pass(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT IndexedUpTo, (SELECT COALESCE(MAX(Id), 0) FROM (SELECT Id FROM Tickets WHERE Id > IndexedUpTo ORDER BY Id LIMIT {BatchSize}))
            FROM TicketSearchProgress
            """;
        long from, upTo;
        using (var mark = command.ExecuteReader())
        {
            mark.Read();
            (from, upTo) = (mark.GetInt64(0), mark.GetInt64(1));
        }
        if (upTo <= from)
            return new PassResult(0, from);
        // Then a small step of merging the index's segments: each transaction that writes to it adds one, and merging
        // them all at once was a write of a whole level in one transaction — 20 to 60 ms that a batch of inbound
        // messages waited for (migration SearchIndexMergedInSteps).
        command.CommandText = $"""
            INSERT INTO TicketSearch(rowid, Subject, RequesterName, RequesterPhone, RequesterEmail)
            SELECT Id, Subject, RequesterName, RequesterPhone, RequesterEmail FROM Tickets WHERE Id > $from AND Id <= $upTo;
            UPDATE TicketSearchProgress SET IndexedUpTo = $upTo;
            INSERT INTO TicketSearch(TicketSearch, rank) VALUES ('merge', {MergePagesPerPass});
            """;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$upTo", upTo);
        command.ExecuteNonQuery();
        return new PassResult((int)(upTo - from), upTo);
    }
}
