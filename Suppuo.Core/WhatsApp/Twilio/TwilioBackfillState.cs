namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// Where the back-fill (W17) of one Twilio number stands, and how its last run went for the channel card. A run
/// compares Twilio's list with ours over a window of time; one that hits its bound leaves the window's older part
/// as a gap for the next run, so a long outage is recovered over several bounded runs, never forgotten.
/// </summary>
public sealed class TwilioBackfillState
{
    public const int ErrorMaxLength = 500;

    /// <summary>Twilio's list was compared with ours up to this moment (our clock); the next window starts here, less the margin.</summary>
    public DateTime? CheckedThrough { get; set; }

    /// <summary>The older part of a window a bounded run did not finish: messages sent from GapFrom to GapUntil are listed next.</summary>
    public DateTime? GapFrom { get; set; }
    public DateTime? GapUntil { get; set; }

    public DateTime? RanAt { get; set; }
    /// <summary>Null when the last run worked; else why it failed (it is retried at the next run).</summary>
    public string? Error { get; set; }
    /// <summary>How many missing messages the last run stored.</summary>
    public int Recovered { get; set; }
}
