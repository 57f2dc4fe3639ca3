using Suppuo.Core.Common;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Components;

/// <summary>W24: languages named in their own language, as pickers everywhere show them; zones with the name people use.</summary>
public static class LanguageNames
{
    public static string Of(string code) => code switch
    {
        Languages.Indonesian => "Bahasa Indonesia",
        Languages.English => "English",
        _ => code,
    };

    /// <summary>"Asia/Jakarta (WIB)", "Europe/Berlin (UTC+1)": the zone's id with what its clocks say now.</summary>
    public static string ZoneLabel(string zone) =>
        $"{zone} ({LocalTime.For(zone, Languages.English).ZoneName(DateTime.UtcNow)})";
}
