namespace Suppuo.Web.Components.Inbox.Lean;

/// <summary>
/// MudPaper's classes for a plain div around the inbox's rows: no MudPaper instance in the circuit (bench/RESULTS.md,
/// circuits). LeanControlsTests holds them to MudPaper's.
/// </summary>
public static class LeanPaper
{
    public static string Classes(int elevation, string? @class = null) =>
        LeanClasses.Join($"mud-paper mud-elevation-{elevation}", @class);
}
