namespace Suppuo.Core.Workspaces;

/// <summary>W24: the languages Suppuo speaks, by their ISO 639-1 code (the API's and the culture's name).</summary>
public static class Languages
{
    public const string English = "en";
    public const string Indonesian = "id";
    public const int CodeMaxLength = 8;
    public const string DefaultTimeZone = "Asia/Jakarta";

    public static readonly IReadOnlyList<string> Supported = [English, Indonesian];

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code);
}
