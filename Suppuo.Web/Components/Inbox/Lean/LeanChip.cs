using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Suppuo.Web.Components.Inbox.Lean;

/// <summary>
/// A filled MudChip as one piece of markup: a row's status chip is a single render-tree frame, built once per status,
/// instead of a MudChip instance per row (bench/RESULTS.md, circuits). Not clickable, as the inbox's chips are not.
/// LeanControlsTests holds its classes to MudChip's.
/// </summary>
public static class LeanChip
{
    /// <param name="icon">An svg body from <see cref="Icons"/>, drawn before the text as MudChip's Icon.</param>
    /// <param name="attributes">Further attributes of the chip (a test id, a title).</param>
    public static MarkupString Markup(string text, Color color = Color.Default, Size size = Size.Medium, string? icon = null, string? @class = null,
        params (string Name, string Value)[] attributes)
    {
        var classes = LeanClasses.Join($"mud-chip mud-chip-filled mud-chip-size-{LeanClasses.Of(size)} mud-chip-color-{LeanClasses.Of(color)}", @class);
        var html = new StringBuilder($"""<span class="{classes}" """);
        foreach (var (name, value) in attributes)
            html.Append($"""{name}="{WebUtility.HtmlEncode(value)}" """);
        html.Length--;
        html.Append('>');
        if (icon is not null)
            html.Append(LeanIcon.Markup(icon, Size.Small, Color.Inherit, "mud-chip-icon").Value);
        html.Append($"""<span class="mud-chip-content">{WebUtility.HtmlEncode(text)}</span></span>""");
        return new(html.ToString());
    }
}
