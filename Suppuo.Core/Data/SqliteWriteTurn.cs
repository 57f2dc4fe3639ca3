namespace Suppuo.Core.Data;

/// <summary>
/// Turns at SQLite's one write lock for the two writers that run all the time on SQLite: the ingest writer and the
/// search indexer. Between them a turn is handed over at once; left to SQLite, the one that finds the lock taken sleeps
/// in its busy handler for 1, 2, 5 … up to 100 ms at a time and wakes long after the lock came free — those sleeps were
/// the ingest benchmark's slowest answers (20–100 ms spent in BEGIN IMMEDIATE). Other writers are occasional and keep
/// SQLite's busy timeout.
/// </summary>
public sealed class SqliteWriteTurn
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        return new Turn(_lock);
    }

    private sealed class Turn(SemaphoreSlim taken) : IDisposable
    {
        private SemaphoreSlim? _taken = taken;

        public void Dispose() => Interlocked.Exchange(ref _taken, null)?.Release();
    }
}
