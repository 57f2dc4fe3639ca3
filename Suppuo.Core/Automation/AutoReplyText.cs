using System.Text.RegularExpressions;
using Suppuo.Core.Common;

namespace Suppuo.Core.Automation;

/// <summary>Fills an auto-reply's placeholders. Unknown ones stay as written: a typo shows up in the reply, it never breaks it.</summary>
public static partial class AutoReplyText
{
    /// <summary>
    /// Whether a stored text is the default: none saved, or a default saved unchanged in any language (also a copy of the
    /// English suggestion saved before W24), so it follows the workspace's language.
    /// </summary>
    public static bool IsDefault(string? text) => text is null || CustomerText.All.Any(words => words.DefaultAutoReply == text);

    /// <summary>Fills <paramref name="text"/> for a customer of a workspace speaking <paramref name="words"/>' language.</summary>
    public static string Render(string text, int ticketId, string? requesterName, string statusUrl, CustomerText words) =>
        Placeholder().Replace(text, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "ticket.id" => ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // "Hi {{requester.name}}" still reads well for a customer whose name we do not know.
            "requester.name" => string.IsNullOrWhiteSpace(requesterName) ? words.UnknownRequesterName : requesterName.Trim(),
            "status_url" => statusUrl,
            _ => match.Value,
        });

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
