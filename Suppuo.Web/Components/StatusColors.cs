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
