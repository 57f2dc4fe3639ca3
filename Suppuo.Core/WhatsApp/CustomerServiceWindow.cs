namespace Suppuo.Core.WhatsApp;

/// <summary>
/// W15: WhatsApp takes free-form messages from a business only within 24 hours of the customer's last message; our own
/// messages never extend it. The one place the rule lives, for the composer's warning and for automations alike.
/// </summary>
public static class CustomerServiceWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>When the window the customer opened by writing at <paramref name="lastInbound"/> closes.</summary>
    public static DateTime ClosesAt(DateTime lastInbound) => lastInbound + Length;

    /// <summary>Whether we may still write freely at <paramref name="now"/>; never if the customer has not written.</summary>
    public static bool IsOpen(DateTime? lastInbound, DateTime now) => lastInbound is { } last && now < ClosesAt(last);
}
