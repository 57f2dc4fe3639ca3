using System.Globalization;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.WhatsApp;

/// <summary>W6: a new WhatsApp ticket's subject is the first line of the customer's text.</summary>
public static class SubjectLine
{
    public const string NoText = "WhatsApp inquiry";

    /// <summary>The first non-empty line, trimmed, cut to 120 characters without splitting an emoji or any other character.</summary>
    public static string From(string? text)
    {
        var firstLine = (text ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (firstLine is null)
            return NoText;
        if (firstLine.Length <= Ticket.SubjectMaxLength)
            return firstLine;

        // Whole text elements (grapheme clusters) only: a surrogate pair or an emoji with modifiers stays whole.
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(firstLine);
        while (elements.MoveNext())
        {
            var next = length + elements.GetTextElement().Length;
            if (next > Ticket.SubjectMaxLength)
                break;
            length = next;
        }
        return firstLine[..length].TrimEnd();
    }
}
