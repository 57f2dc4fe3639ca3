using MudBlazor;

namespace Suppuo.Web.Components.Inbox.Lean;

/// <summary>
/// MudText's classes for a plain element: the inbox draws its heading and hints without a MudText instance, since each
/// component stays in the circuit while the inbox is open (bench/RESULTS.md, circuits). Only the classes, because the
/// element is the page's choice as MudText's HtmlTag is; LeanControlsTests holds them to MudText's.
/// </summary>
public static class LeanText
{
    public static string Classes(Typo typo, string? @class = null) =>
        LeanClasses.Join($"mud-typography mud-typography-{LeanClasses.Of(typo)}", @class);
}
