using System.Globalization;
using System.Text.RegularExpressions;

namespace Suppuo.Core.CannedResponses;

/// <summary>What a canned response's placeholders stand for on one ticket.</summary>
public sealed record CannedContext(int TicketId, string? RequesterName, string? AgentName, string StatusUrl);

/// <summary>
/// Fills a canned response's placeholders. Unknown ones stay as written, as in the auto-reply: a typo shows in the
/// composer, where the agent sees it before sending.
/// </summary>
public static partial class CannedText
{
    public static string Fill(string text, CannedContext context) =>
        Placeholder().Replace(text, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "ticket.id" => context.TicketId.ToString(CultureInfo.InvariantCulture),
            "requester.name" => string.IsNullOrWhiteSpace(context.RequesterName) ? "" : context.RequesterName.Trim(),
            "agent.name" => context.AgentName?.Trim() ?? "",
            "status_url" => context.StatusUrl,
            _ => match.Value,
        });

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
