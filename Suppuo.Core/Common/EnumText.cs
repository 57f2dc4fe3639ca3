namespace Suppuo.Core.Common;

/// <summary>Enum values as the API spells them: lowercase names ("open", "whatsapp").</summary>
public static class EnumText
{
    public static string ToApi<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null
            && !int.TryParse(text, out _) // "1" is not a status
            && Enum.TryParse(text, ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }

    public static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => v.ToApi()));
}
