using Suppuo.Core.Common;

namespace Suppuo.Tests.Workspaces;

/// <summary>W24: every time a person reads is in the workspace's zone, named as people there name it, in their language.</summary>
public class LocalTimeTests
{
    private static readonly DateTime SevenOhFiveUtc = new(2026, 12, 3, 7, 5, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Asia/Jakarta", "id", "3 Des 2026 14.05 WIB")]
    [InlineData("Asia/Jakarta", "en", "3 Dec 2026 14:05 WIB")]
    [InlineData("Asia/Pontianak", "id", "3 Des 2026 14.05 WIB")]
    [InlineData("Asia/Makassar", "id", "3 Des 2026 15.05 WITA")]
    [InlineData("Asia/Jayapura", "id", "3 Des 2026 16.05 WIT")]
    [InlineData("UTC", "en", "3 Dec 2026 07:05 UTC")]
    [InlineData("Asia/Kolkata", "en", "3 Dec 2026 12:35 UTC+5:30")]
    public void W24_a_time_reads_in_the_workspace_zone_with_the_name_people_there_use(string zone, string language, string expected) =>
        Assert.Equal(expected, LocalTime.For(zone, language).Full(SevenOhFiveUtc));

    [Fact]
    public void W24_a_daylight_saving_zone_is_right_on_both_sides_of_the_change()
    {
        // Amsterdam moves from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
        var amsterdam = LocalTime.For("Europe/Amsterdam", "en");
        Assert.Equal("29 Mar 2026 01:30 UTC+1", amsterdam.Full(new DateTime(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("29 Mar 2026 03:30 UTC+2", amsterdam.Full(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void W24_the_inbox_counts_days_in_the_workspace_zone_not_in_UTC()
    {
        var jakarta = LocalTime.For("Asia/Jakarta", "id");
        // 00:30 WIB on 4 December; 14:05 WIB on 3 December is "yesterday" there, though both are 3 December in UTC.
        var now = new DateTime(2026, 12, 3, 17, 30, 0, DateTimeKind.Utc);
        Assert.Equal("kemarin 14.05", jakarta.Relative(SevenOhFiveUtc, now));
        Assert.Equal("yesterday 14:05", LocalTime.For("Asia/Jakarta", "en").Relative(SevenOhFiveUtc, now));
    }

    [Theory]
    [InlineData("id", 0.5, "baru saja")]
    [InlineData("en", 0.5, "now")]
    [InlineData("id", 2, "2 mnt")]
    [InlineData("en", 2, "2m")]
    [InlineData("id", 180, "3 jam")]
    [InlineData("en", 180, "3h")]
    public void W24_recent_times_read_as_how_long_ago_in_the_reader_language(string language, double minutesAgo, string expected) =>
        Assert.Equal(expected, LocalTime.For("Asia/Jakarta", language).Relative(SevenOhFiveUtc, SevenOhFiveUtc.AddMinutes(minutesAgo)));

    [Fact]
    public void W24_older_times_read_as_a_weekday_then_a_date()
    {
        var jakarta = LocalTime.For("Asia/Jakarta", "id");
        Assert.Equal("Sen 14.05", jakarta.Relative(SevenOhFiveUtc.AddDays(-3), SevenOhFiveUtc)); // Monday 30 November
        Assert.Equal("3 Nov", jakarta.Relative(SevenOhFiveUtc.AddDays(-30), SevenOhFiveUtc));
        Assert.Equal("3 Des 2025", jakarta.Relative(SevenOhFiveUtc.AddYears(-1), SevenOhFiveUtc));
    }

    [Theory]
    [InlineData("Asia/Jakarta", true)]
    [InlineData("Europe/Amsterdam", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("SE Asia Standard Time", false)]
    [InlineData("GMT+7", false)]
    [InlineData("", false)]
    public void W24_only_known_IANA_zones_are_accepted(string zone, bool known) =>
        Assert.Equal(known, LocalTime.TryFindZone(zone) is not null);

    [Fact]
    public void W24_an_unknown_stored_zone_reads_as_UTC_instead_of_failing_the_page() =>
        Assert.Equal("3 Dec 2026 07:05 UTC", LocalTime.For("Mars/Olympus_Mons", "en").Full(SevenOhFiveUtc));
}
