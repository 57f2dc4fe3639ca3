using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Tickets;

/// <summary>A new install is analysed while its tables are empty; as they grow, the planner's statistics must follow.</summary>
public class QueryStatisticsTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private Task<long> AnalysedMessagesAsync() => app.WithDbAsync(db => db.Database.SqlQuery<long>($"""
        SELECT COALESCE((SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = 'Messages' AND idx IS NOT NULL LIMIT 1), 0) AS Value
        """).SingleAsync());

    [Fact]
    public async Task Messages_that_grew_from_empty_are_analysed_and_not_again_until_they_double()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Pesanan", channel = "web", requesterEmail = "k@example.com" })).Int("id");
        Assert.Equal(0, await AnalysedMessagesAsync());
        Assert.False(await app.SendAsync(new RefreshQueryStatistics())); // too few to matter
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
            INSERT INTO Messages (TicketId, Author, Internal, Body, CreatedAt) SELECT {ticket}, 'Requester', 0, 'Halo ' || i, '2026-11-25 23:00:00' FROM n
            """));

        Assert.True(await app.SendAsync(new RefreshQueryStatistics()));
        Assert.True(await AnalysedMessagesAsync() >= 5000);
        Assert.False(await app.SendAsync(new RefreshQueryStatistics()));
    }
}
