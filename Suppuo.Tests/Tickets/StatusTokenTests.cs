using Suppuo.Core.Tickets;

namespace Suppuo.Tests.Tickets;

public class StatusTokenTests
{
    [Fact]
    public void Two_tokens_made_in_the_same_second_share_only_their_time()
    {
        var at = new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);
        var (first, second) = (StatusToken.New(at), StatusToken.New(at));

        Assert.Equal(first[..8], second[..8]);
        Assert.NotEqual(first[8..], second[8..]);
        Assert.Equal(22, first[8..].Length); // 128 random bits
        Assert.Matches("^[0-9a-f]{8}[A-Za-z0-9_-]{22}$", first);
    }

    [Fact]
    public void A_later_token_sorts_after_an_earlier_one_so_new_tickets_fill_the_end_of_their_index()
    {
        var earlier = StatusToken.New(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
        var later = StatusToken.New(new DateTimeOffset(2026, 11, 25, 23, 0, 1, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }
}
