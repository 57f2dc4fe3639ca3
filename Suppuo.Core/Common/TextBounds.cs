using System.Globalization;

namespace Suppuo.Core.Common;

/// <summary>
/// Cuts what a provider sends to the length of the column it is stored in. SQLite does not enforce lengths but
/// PostgreSQL does, and a refused insert would fail the webhook again on every redelivery (W26).
/// </summary>
public static class TextBounds
{
    /// <summary>At most <paramref name="max"/> characters, cut between whole characters (an emoji stays whole).</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = length + elements.GetTextElement().Length;
            if (next > max)
                break;
            length = next;
        }
        return text[..length];
    }

    public static string? CutOrNull(string? text, int max) => text is null ? null : Cut(text, max);

    /// <summary>A file name of at most <paramref name="max"/> characters that keeps its extension, so it still opens with the right program.</summary>
    public static string FileName(string name, int max)
    {
        if (name.Length <= max)
            return name;
        var extension = Path.GetExtension(name);
        if (extension.Length > Math.Min(16, max / 2))
            extension = ""; // not an extension but part of a long name
        return Cut(name[..^extension.Length], max - extension.Length).TrimEnd() + extension;
    }
}
