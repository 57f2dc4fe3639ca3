namespace Suppuo.Bench;

/// <summary>`--name value` options of the benchmark command line.</summary>
internal static class Args
{
    public static int Number(string[] args, string name, int fallback) =>
        Text(args, name) is { } text && int.TryParse(text, out var value) ? value : fallback;

    public static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
