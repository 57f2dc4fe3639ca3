using Suppuo.Core.WhatsApp;

namespace Suppuo.Tests.WhatsApp;

public class CustomerServiceWindowTests
{
    private static readonly DateTime CustomerWrote = new(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void W15_the_window_closes_24_hours_after_the_customer_last_wrote() =>
        Assert.Equal(new DateTime(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc), CustomerServiceWindow.ClosesAt(CustomerWrote));

    [Fact]
    public void W15_open_until_the_24th_hour_closed_from_it()
    {
        Assert.True(CustomerServiceWindow.IsOpen(CustomerWrote, CustomerWrote.AddHours(24).AddSeconds(-1)));
        Assert.False(CustomerServiceWindow.IsOpen(CustomerWrote, CustomerWrote.AddHours(24)));
    }

    [Fact]
    public void W15_a_customer_who_never_wrote_opened_no_window() =>
        Assert.False(CustomerServiceWindow.IsOpen(null, CustomerWrote));
}
