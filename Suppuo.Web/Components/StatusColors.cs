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

/// <summary>
/// A status, channel, author or delivery state as markup and tests know it: lowercase English ("open", "queued"), for
/// data- attributes. What people read goes through <see cref="WordsExtensions.Of{T}"/>, in their language.
/// </summary>
internal static class EnumLabel
{
    public static string Label<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
