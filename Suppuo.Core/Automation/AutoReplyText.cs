using System.Text.RegularExpressions;

namespace Suppuo.Core.Automation;

/// <summary>Fills an auto-reply's placeholders. Unknown ones stay as written: a typo shows up in the reply, it never breaks it.</summary>
public static partial class AutoReplyText
{
    public const string DefaultText =
        "Thanks for contacting us! We received your request #{{ticket.id}} and will reply soon. Follow it here: {{status_url}}";

    public static string Render(string text, int ticketId, string? requesterName, string statusUrl) =>
        Placeholder().Replace(text, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "ticket.id" => ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // "Hi {{requester.name}}" still reads well for a customer whose name we do not know.
            "requester.name" => string.IsNullOrWhiteSpace(requesterName) ? "there" : requesterName.Trim(),
            "status_url" => statusUrl,
            _ => match.Value,
        });

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
