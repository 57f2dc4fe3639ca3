using System.Net;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.StatusPage;

/// <summary>CSAT: a resolved ticket's status page asks for a rating, kept on the ticket and averaged per workspace.</summary>
public class CsatTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static async Task<(int Id, string StatusUrl)> ResolvedTicketAsync(TestWorkspace workspace)
    {
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Rate me", body = "help", channel = "web" });
        Assert.Equal(HttpStatusCode.OK, (await workspace.Api.PatchAsync($"/api/v1/tickets/{ticket.Int("id")}", Json.Body("""{ "status": "resolved" }"""))).StatusCode);
        return (ticket.Int("id"), ticket.Str("statusUrl"));
    }

    [Fact]
    public async Task Open_ticket_asks_for_no_rating()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Still open", channel = "web" });
        Assert.DoesNotContain("How did we do?", await StatusPageClient.For(app, ticket.Str("statusUrl")).ReadAsync());
    }

    [Fact]
    public async Task Resolved_ticket_takes_a_rating_with_a_comment_shown_on_the_ticket_and_in_the_workspace_average()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (first, firstUrl) = await ResolvedTicketAsync(workspace);
        var (_, secondUrl) = await ResolvedTicketAsync(workspace);

        var (status, html) = await StatusPageClient.For(app, firstUrl).RateAsync(5, "Fast and friendly");
        await StatusPageClient.For(app, secondUrl).RateAsync(2, null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Thank you for your rating: 5 of 5", html);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{first}");
        Assert.Equal(5, ticket.Int("csatRating"));
        Assert.Equal("Fast and friendly", ticket.Str("csatComment"));
        Assert.Equal("resolved", ticket.Str("status")); // rating changes no status
        Assert.Equal(new CsatSummary(3.5, 2), await app.SendAsync(new GetCsatSummary(workspace.Id)));
    }

    [Fact]
    public async Task A_rating_outside_1_to_5_is_refused_and_not_stored()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (id, url) = await ResolvedTicketAsync(workspace);

        var (_, html) = await StatusPageClient.For(app, url).RateAsync(9, null);

        Assert.Contains("Choose a rating from 1 (bad) to 5 (great).", html);
        Assert.Null((await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["csatRating"]);
    }
}
