using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Suppuo.Web.Components.Inbox.Lean;

/// <summary>
/// MudIcon's svg as one piece of markup: a single render-tree frame and no component, so rows can carry icons
/// without growing the circuit (bench/RESULTS.md, circuits). LeanControlsTests holds its classes to MudIcon's.
/// </summary>
public static class LeanIcon
{
    /// <param name="icon">An svg body from <see cref="Icons"/>.</param>
    /// <param name="title">Read out instead of hiding the icon from assistive technology, as MudIcon's Title.</param>
    public static MarkupString Markup(string icon, Size size = Size.Medium, Color color = Color.Inherit, string? @class = null, string? title = null)
    {
        var colorClass = color switch
        {
            Color.Inherit => "",
            Color.Default => " mud-icon-default",
            _ => $" mud-{LeanClasses.Of(color)}-text",
        };
        var classes = LeanClasses.Join($"mud-icon-root{colorClass} mud-svg-icon mud-icon-size-{LeanClasses.Of(size)}", @class);
        return title is null
            ? new($"""<svg class="{classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{icon}</svg>""")
            : new($"""<svg class="{classes}" focusable="false" viewBox="0 0 24 24" role="img"><title>{WebUtility.HtmlEncode(title)}</title>{icon}</svg>""");
    }
}
