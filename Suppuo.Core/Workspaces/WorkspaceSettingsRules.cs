using Suppuo.Core.Common;

namespace Suppuo.Core.Workspaces;

/// <summary>W24: what a workspace's language and time zone may be, wherever they are set (sign-up, CLI, settings).</summary>
public static class WorkspaceSettingsRules
{
    /// <summary>Indonesia's three zones first: most workspaces are there.</summary>
    public static readonly IReadOnlyList<string> CommonTimeZones =
    [
        "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura",
        "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok", "Asia/Manila", "Asia/Tokyo", "Australia/Perth", "Australia/Sydney",
        "Asia/Kolkata", "Asia/Dubai", "Europe/London", "Europe/Amsterdam", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC",
    ];

    public static void Language(ValidationErrors errors, string field, string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
            errors.Add(field, $"Is required: one of {string.Join(", ", Languages.Supported)}.");
        else if (!Languages.IsSupported(language))
            errors.Add(field, $"Unknown language '{language}': Suppuo speaks {string.Join(", ", Languages.Supported)} (en English, id Bahasa Indonesia).");
    }

    public static void TimeZone(ValidationErrors errors, string field, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
            errors.Add(field, "Is required: an IANA time zone such as Asia/Jakarta.");
        else if (timeZone.Length > Workspace.TimeZoneMaxLength || LocalTime.TryFindZone(timeZone) is null)
            errors.Add(field, $"Unknown time zone '{timeZone}': use an IANA time zone such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).");
    }
}
