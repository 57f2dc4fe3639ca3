namespace Suppuo.Core.Common;

public static class Durations
{
    /// <summary>A duration as a person reads it in a reason: "24 hours", "5 minutes", "1 second".</summary>
    public static string Describe(TimeSpan duration) => duration switch
    {
        { TotalHours: >= 1 } => Plural(Math.Round(duration.TotalHours), "hour"),
        { TotalMinutes: >= 1 } => Plural(Math.Round(duration.TotalMinutes), "minute"),
        _ => Plural(Math.Max(1, Math.Round(duration.TotalSeconds)), "second"),
    };

    private static string Plural(double count, string unit) => count == 1 ? $"1 {unit}" : $"{count:0} {unit}s";
}
