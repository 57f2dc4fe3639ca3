using System.Collections.Concurrent;
using System.Globalization;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.Common;

/// <summary>
/// W24: a time as a person of one workspace reads it — in the workspace's zone, with the zone's name (WIB), in the
/// reader's language. Only for display: the API and the database stay UTC.
/// </summary>
public sealed class LocalTime
{
    private static readonly ConcurrentDictionary<(string Zone, string Language), LocalTime> Cache = new();

    // .NET names Indonesia's zones "GMT+7" or "Western Indonesia Time"; Indonesians write WIB, WITA and WIT.
    private static readonly Dictionary<string, string> IndonesianZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Asia/Jakarta"] = "WIB",
        ["Asia/Pontianak"] = "WIB",
        ["Asia/Makassar"] = "WITA",
        ["Asia/Jayapura"] = "WIT",
    };

    private readonly string _zoneId;
    private readonly bool _indonesian;
    private readonly string _time;

    private LocalTime(TimeZoneInfo zone, string zoneId, string language)
    {
        Zone = zone;
        _zoneId = zoneId;
        _indonesian = language == Languages.Indonesian;
        Culture = CultureInfo.GetCultureInfo(_indonesian ? "id-ID" : "en-GB");
        // Indonesian writes 14.05, English 14:05; both use 24 hours, as support teams on shifts do.
        _time = _indonesian ? "HH.mm" : "HH:mm";
    }

    public TimeZoneInfo Zone { get; }
    public CultureInfo Culture { get; }

    /// <summary>The workspace's zone in its readers' language; an unknown zone (an old row, a removed zone) reads as UTC.</summary>
    public static LocalTime For(string? timeZoneId, string? language) =>
        Cache.GetOrAdd((timeZoneId ?? "UTC", Languages.IsSupported(language) ? language! : Languages.English), key =>
            TryFindZone(key.Zone) is { } zone
                ? new LocalTime(zone, key.Zone, key.Language)
                : new LocalTime(TimeZoneInfo.Utc, "UTC", key.Language));

    /// <summary>An IANA zone id this machine knows, or null: what settings, sign-up and the CLI accept.</summary>
    public static TimeZoneInfo? TryFindZone(string? id) =>
        // IANA ids only ("Area/City", or UTC): a Windows name would work on one machine and not on the next.
        (id == "UTC" || id?.Contains('/') == true) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Zone);

    /// <summary>WIB, WITA, WIT; elsewhere the offset at that moment ("UTC+1", "UTC+5:30"), right on both sides of a DST change.</summary>
    public string ZoneName(DateTime utc)
    {
        if (IndonesianZones.TryGetValue(_zoneId, out var name))
            return name;
        var offset = Zone.GetUtcOffset(AsUtc(utc));
        if (offset == TimeSpan.Zero)
            return "UTC";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        offset = offset.Duration();
        return offset.Minutes == 0 ? $"UTC{sign}{offset.Hours}" : $"UTC{sign}{offset.Hours}:{offset.Minutes:00}";
    }

    /// <summary>"3 Des 2026 14.05 WIB": a time that stands on its own (status page, mails, details).</summary>
    public string Full(DateTime utc) =>
        ToLocal(utc).ToString("d MMM yyyy " + _time, Culture) + " " + ZoneName(utc);

    /// <summary>"3 Des 14.05": a time inside a conversation the reader already sees the year of.</summary>
    public string Short(DateTime utc) => ToLocal(utc).ToString("d MMM " + _time, Culture);

    /// <summary>
    /// The inbox's "when": "2m", "3h" today, "kemarin 14.05" / "yesterday 14:05", a weekday within the week, then a date.
    /// Days are the workspace's days, not UTC's.
    /// </summary>
    public string Relative(DateTime utc, DateTime nowUtc)
    {
        var elapsed = AsUtc(nowUtc) - AsUtc(utc);
        if (elapsed < TimeSpan.FromMinutes(1))
            return _indonesian ? "baru saja" : "now";
        if (elapsed < TimeSpan.FromHours(1))
            return _indonesian ? $"{(int)elapsed.TotalMinutes} mnt" : $"{(int)elapsed.TotalMinutes}m";

        var at = ToLocal(utc);
        var today = ToLocal(nowUtc).Date;
        if (at.Date == today)
            return _indonesian ? $"{(int)elapsed.TotalHours} jam" : $"{(int)elapsed.TotalHours}h";
        if (at.Date == today.AddDays(-1))
            return (_indonesian ? "kemarin " : "yesterday ") + at.ToString(_time, Culture);
        if (at.Date > today.AddDays(-7))
            return at.ToString("ddd " + _time, Culture);
        return at.ToString(at.Year == today.Year ? "d MMM" : "d MMM yyyy", Culture);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
