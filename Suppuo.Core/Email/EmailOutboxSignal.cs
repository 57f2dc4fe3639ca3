namespace Suppuo.Core.Email;

/// <summary>Wakes the outbox worker when a mail is queued, so it goes out at once instead of at the next poll.</summary>
public sealed class EmailOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already awake: one wake-up covers every mail queued meanwhile
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
