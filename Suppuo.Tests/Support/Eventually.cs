namespace Suppuo.Tests.Support;

/// <summary>Waits for background work by polling its visible result with a deadline: never a fixed sleep, never a timing assertion.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its result; fails with the last result.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for {what}; last seen: {Describe(value)}");
            await Task.Delay(25);
        }
    }

    /// <summary>Polls until <paramref name="probe"/> finds something, and returns it.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what) where T : class =>
        (await WaitForAsync(probe, value => value is not null, what))!;

    public static Task WaitUntilAsync(Func<bool> condition, string what) =>
        WaitForAsync(() => Task.FromResult(condition()), done => done, what);

    private static string Describe(object? value) => value switch
    {
        System.Text.Json.Nodes.JsonNode node => node.ToJsonString(),
        null => "null",
        _ => value.ToString() ?? "",
    };
}
