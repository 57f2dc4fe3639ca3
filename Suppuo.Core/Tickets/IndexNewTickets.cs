using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>Wakes <see cref="IndexNewTickets"/> when tickets were created.</summary>
public sealed class TicketSearchSignal : WorkSignal;

public sealed class WakeTicketSearch(TicketSearchSignal signal) : INotificationHandler<TicketCreated>
{
    public Task Handle(TicketCreated created, CancellationToken cancellationToken)
    {
        signal.Wake();
        return Task.CompletedTask;
    }
}

/// <summary>
/// SQLite: adds the tickets created since the last pass to the search index, in id order, and moves the mark
/// (migration SearchIndexBehindIngest). Out of the ingest writer's transaction, where the trigram index was three
/// quarters of SQLite's work per new ticket; search stays exact meanwhile by reading the tickets above the mark with
/// LIKE. One transaction per pass, taken with the write lock, so no ticket commits below the mark after it moved.
/// </summary>
public sealed class IndexNewTickets(IServiceScopeFactory scopes) : IPollingJob
{
    private const int BatchSize = 1_000;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        if (!db.Database.IsSqlite())
            return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var from = await db.Database.SqlQuery<int>($"SELECT IndexedUpTo AS Value FROM TicketSearchProgress").SingleAsync(cancellationToken);
        var upTo = await db.Database.SqlQuery<int>($"""
            SELECT COALESCE(MAX(Id), 0) AS Value FROM (SELECT Id FROM Tickets WHERE Id > {from} ORDER BY Id LIMIT {BatchSize})
            """).SingleAsync(cancellationToken);
        if (upTo <= from)
            return 0;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TicketSearch(rowid, Subject, RequesterName, RequesterPhone, RequesterEmail)
            SELECT Id, Subject, RequesterName, RequesterPhone, RequesterEmail FROM Tickets WHERE Id > {from} AND Id <= {upTo}
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE TicketSearchProgress SET IndexedUpTo = {upTo}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return upTo - from;
    }
}
