namespace Suppuo.Web.Components.Inbox.Lean;

internal static class LeanClasses
{
    /// <summary>A class attribute from MudBlazor's classes and the caller's own, as MudBlazor's CssBuilder joins them.</summary>
    public static string Join(string mudClasses, string? own) => string.IsNullOrWhiteSpace(own) ? mudClasses : $"{mudClasses} {own}";

    /// <summary>MudBlazor's spelling of its enums in class names (Size.Small → small, Color.Default → default).</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
