using System.Diagnostics;

namespace Suppuo.Bench;

internal static class Stats
{
    /// <summary>Runs the action a few times to warm up, then <paramref name="runs"/> times, and prints p50/p95/max in ms.</summary>
    public static async Task<(double P50, double P95)> TimeAsync(string name, int runs, Func<Task> action, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
            await action();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }
        return Print(name, samples);
    }

    /// <summary>Prints p50/p95/max of samples in milliseconds.</summary>
    public static (double P50, double P95) Print(string name, IReadOnlyCollection<double> samplesMs)
    {
        var sorted = samplesMs.Order().ToArray();
        var p50 = Percentile(sorted, 0.50);
        var p95 = Percentile(sorted, 0.95);
        Console.WriteLine($"{name,-44} p50 {p50,8:F2} ms   p95 {p95,8:F2} ms   max {sorted[^1],8:F2} ms   (n={sorted.Length})");
        return (p50, p95);
    }

    public static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
