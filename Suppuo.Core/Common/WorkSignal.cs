namespace Suppuo.Core.Common;

/// <summary>
/// Wakes a polling background worker as soon as there is work, so new rows go out at once while the poll interval
/// only paces retries. The rows stay the truth: a missed wake-up costs one poll interval, nothing more.
/// </summary>
public abstract class WorkSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Wake()
    {
        // Already awake, as it mostly is under load (one wake per new ticket): skip the exception below, which cost
        // more than everything else here.
        if (_pending.CurrentCount > 0)
            return;
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Woken in between: one pending wake-up covers any number of new rows.
        }
    }

    /// <summary>Returns when woken (true) or when <paramref name="timeout"/> has passed (false), whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
