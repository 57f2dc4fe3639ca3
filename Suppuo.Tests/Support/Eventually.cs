namespace Suppuo.Tests.Support;

/// <summary>Waits for background work (the mail outbox) by polling a condition until a deadline; never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 20) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Gave up after {seconds} s waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
