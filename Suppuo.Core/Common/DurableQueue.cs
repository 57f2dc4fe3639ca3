using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Suppuo.Core.Data;

namespace Suppuo.Core.Common;

/// <summary>
/// A durable background job whose queue is one table's rows (docs/decisions/003): the reply outbox, inbound
/// media downloads, the mail outbox. A pass claims due rows with a lease (a conditional UPDATE per row, so of two
/// workers or nodes that saw a row due exactly one changes it), works on them and gives back what a shutdown kept it
/// from finishing. A lease names its node (`Suppuo:NodeId`): at start-up a node frees the leases an earlier run of its
/// own left behind (a crash, a kill), so that work resumes at once instead of after the lease; another node's leases
/// run out on their own. Every queued kind has the columns Id, LeaseOwner and LeaseUntil.
/// </summary>
/// <remarks>
/// A pass holds a batch for longer than one lease (rows wait for a free slot, each takes up to a provider's timeout), so
/// each row's lease is renewed for a full <see cref="SuppuoOptions.WorkerOptions.Lease"/> right before its work starts,
/// and the work goes ahead only if the renewal still finds the row held by this worker. A waiting row whose lease ran out
/// may be taken by another node, which is then the only one to work on it; a row being worked on keeps being renewed
/// until its work ends, however long the provider takes to answer.
/// </remarks>
public abstract class DurableQueue<TRow>(IServiceScopeFactory scopes, IOptions<SuppuoOptions> options, TimeProvider clock) : IPollingJob
    where TRow : class
{
    // Every queued kind's key is an int named Id.
    private static readonly Expression<Func<TRow, int>> IdOf = row => EF.Property<int>(row, "Id");

    // Node and guid fit LeaseOwner's 64 characters.
    private readonly string _node = options.Value.NodeId[..Math.Min(options.Value.NodeId.Length, 31)] + "/";

    /// <summary>Names this worker's leases: its node, then an id unique per instance, so a restarted node tells the leases of its earlier run from its own.</summary>
    public string Owner => _node + _instance;
    private readonly string _instance = Guid.NewGuid().ToString("N");

    protected IServiceScopeFactory Scopes => scopes;
    protected TimeProvider Clock => clock;
    protected SuppuoOptions.WorkerOptions Settings { get; } = options.Value.Workers;

    protected abstract int BatchSize { get; }
    protected abstract int Parallelism { get; }

    protected abstract IQueryable<TRow> Table(SuppuoDbContext db);

    /// <summary>The rows among <paramref name="rows"/> that are due at <paramref name="now"/> and held by no live lease.</summary>
    protected abstract IQueryable<TRow> Due(SuppuoDbContext db, IQueryable<TRow> rows, DateTime now);

    protected abstract IOrderedQueryable<TRow> InClaimOrder(IQueryable<TRow> due);

    /// <summary>Handles one claimed row and records its outcome, which also ends its lease.</summary>
    protected abstract Task WorkAsync(int id, CancellationToken cancellationToken);

    /// <summary>Still held by this worker.</summary>
    private Expression<Func<TRow, bool>> Held()
    {
        var owner = Owner;
        return row => EF.Property<string?>(row, "LeaseOwner") == owner;
    }

    private void TakeLease(UpdateSettersBuilder<TRow> row, DateTime until) =>
        row.SetProperty(r => EF.Property<string?>(r, "LeaseOwner"), Owner).SetProperty(r => EF.Property<DateTime?>(r, "LeaseUntil"), until);

    private static void FreeLease(UpdateSettersBuilder<TRow> row) =>
        row.SetProperty(r => EF.Property<string?>(r, "LeaseOwner"), (string?)null).SetProperty(r => EF.Property<DateTime?>(r, "LeaseUntil"), (DateTime?)null);

    /// <summary>Works on what is due now; returns how many rows it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        // The rows this pass holds, filled as rows are won: a shutdown in the middle of claiming still gives back the
        // ones already won. (A set; the values mean nothing.)
        var held = new ConcurrentDictionary<int, bool>();
        var claimed = new List<int>(BatchSize);
        try
        {
            await ClaimAsync(claimed, held, cancellationToken);
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (id, ct) =>
                {
                    if (!await RenewAsync(id, ct))
                    {
                        held.TryRemove(id, out _);
                        return;
                    }
                    using var working = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    var heartbeat = KeepLeaseAsync(id, working.Token);
                    try
                    {
                        await WorkAsync(id, ct);
                    }
                    finally
                    {
                        await working.CancelAsync();
                        await heartbeat;
                        // Done, or failed in a way that leaves the row to its lease: only a shutdown's rows are given back.
                        if (!ct.IsCancellationRequested)
                            held.TryRemove(id, out _);
                    }
                });
        }
        finally
        {
            // Rows a shutdown kept us from finishing go back at once instead of waiting out the lease on the next start.
            await ReleaseAsync(held);
        }
        return claimed.Count;
    }

    private async Task ClaimAsync(List<int> claimed, ConcurrentDictionary<int, bool> held, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Settings.Lease;
        var due = await InClaimOrder(Due(db, Table(db), now)).Select(IdOf).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            // Re-checked inside the UPDATE: of two workers that both saw the row due, exactly one changes it.
            if (await Due(db, Table(db).Where(Is(id)), now).ExecuteUpdateAsync(row => TakeLease(row, until), cancellationToken) != 1)
                continue;
            held[id] = true;
            claimed.Add(id);
        }
    }

    /// <summary>
    /// At the node's start-up, before its first pass: frees the leases an earlier run of this node left behind (that run
    /// is gone, so nothing works on those rows). What it may have half done stays recorded (a reply's send mark), so the
    /// next attempt settles it before anything is sent again. Only the node's one worker per queue calls this.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var (node, owner) = (_node, Owner);
        await Table(db)
            .Where(row => EF.Property<string?>(row, "LeaseOwner")!.StartsWith(node) && EF.Property<string?>(row, "LeaseOwner") != owner)
            .ExecuteUpdateAsync(FreeLease, cancellationToken);
    }

    /// <summary>A full lease for the work about to start, if the row is still this worker's.</summary>
    private async Task<bool> RenewAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var until = clock.GetUtcNow().UtcDateTime + Settings.Lease;
        return await Table(db).Where(Is(id)).Where(Held()).ExecuteUpdateAsync(row => TakeLease(row, until), cancellationToken) == 1;
    }

    /// <summary>
    /// Renews the row's lease every third of a lease while its work runs (a provider may take longer to answer than a
    /// lease lasts), so no other worker takes a row whose send is still under way. Ends with the work, or once the row
    /// is no longer this worker's (its outcome, recorded, ended the lease).
    /// </summary>
    private async Task KeepLeaseAsync(int id, CancellationToken working)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Settings.Lease / 3, clock, working);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + Settings.Lease;
                if (await Table(db).Where(Is(id)).Where(Held())
                        .ExecuteUpdateAsync(row => row.SetProperty(r => EF.Property<DateTime?>(r, "LeaseUntil"), until), working) != 1)
                    return;
            }
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
            // The work is done.
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException)
        {
            // The database is briefly unavailable: the lease still runs its course, as before renewals existed.
        }
    }

    private async Task ReleaseAsync(ConcurrentDictionary<int, bool> held)
    {
        if (held.IsEmpty)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var ids = held.Keys.ToList();
        await Table(db).Where(row => ids.Contains(EF.Property<int>(row, "Id"))).Where(Held()).ExecuteUpdateAsync(FreeLease, CancellationToken.None);
    }

    private static Expression<Func<TRow, bool>> Is(int id) => row => EF.Property<int>(row, "Id") == id;
}
