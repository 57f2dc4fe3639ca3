using MudBlazor;
using Suppuo.Core.Tickets;

namespace Suppuo.Web.Components;

internal static class StatusColors
{
    public static Color Of(TicketStatus status) => status switch
    {
        TicketStatus.Open => Color.Error,
        TicketStatus.Pending => Color.Warning,
        TicketStatus.Resolved => Color.Success,
        _ => Color.Default,
    };
}

/// <summary>How the UI names a status, channel, author or delivery state: in lowercase, as agents know them ("open", "queued").</summary>
internal static class EnumLabel
{
    public static string Label<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

internal static class RelativeTime
{
    public static string Format(DateTime at, DateTime now)
    {
        var elapsed = now - at;
        return elapsed.TotalMinutes < 1 ? "now"
            : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes}m"
            : elapsed.TotalDays < 1 ? $"{(int)elapsed.TotalHours}h"
            : elapsed.TotalDays < 7 ? $"{(int)elapsed.TotalDays}d"
            : at.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
