using Bunit;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>
/// The inbox component over the real app: it hears its workspace's events, re-renders, and lets go when disposed; its
/// tabs show the counts it was given.
/// </summary>
public class LiveInboxTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    private IRenderedComponent<Inbox> RenderInboxOf(TestWorkspace workspace)
    {
        SignInAs(workspace);
        return Bunit.Render<Inbox>();
    }

    [Fact]
    public async Task A_new_ticket_appears_without_reload_and_disposing_the_inbox_unsubscribes()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var inbox = RenderInboxOf(workspace);
        inbox.WaitForAssertion(() => Assert.Equal(1, Events.SubscriberCount(workspace.Id)));

        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Muncul sendiri", channel = "web", requesterEmail = "a@example.com" });

        inbox.WaitForAssertion(() => Assert.Contains("Muncul sendiri", inbox.Markup));
        await Bunit.DisposeComponentsAsync();
        Assert.Equal(0, Events.SubscriberCount(workspace.Id));
    }

    [Fact]
    public async Task Events_of_another_workspace_never_reach_this_inbox()
    {
        var mine = await App.CreateWorkspaceAsync();
        var theirs = await App.CreateWorkspaceAsync();
        var inbox = RenderInboxOf(mine);
        inbox.WaitForAssertion(() => Assert.Equal(1, Events.SubscriberCount(mine.Id)));
        var renders = inbox.RenderCount;

        await theirs.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Not yours", channel = "web", requesterEmail = "a@example.com" });
        await mine.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Yours", channel = "web", requesterEmail = "a@example.com" });

        inbox.WaitForAssertion(() => Assert.Contains("Yours", inbox.Markup));
        Assert.DoesNotContain("Not yours", inbox.Markup);
        Assert.Equal(0, Events.SubscriberCount(theirs.Id));
        Assert.True(inbox.RenderCount > renders);
    }

    [Fact]
    public async Task A_search_with_too_many_hits_to_count_shows_1000_plus_and_no_status_numbers()
    {
        var workspace = await App.CreateWorkspaceAsync();
        await App.InsertTicketsAsync(workspace.Id, SearchInbox.CountLimit + 1, "Kardus penyok", DateTime.UtcNow);
        await App.InsertTicketsAsync(workspace.Id, 3, "Salah alamat", DateTime.UtcNow);
        var inbox = RenderInboxOf(workspace);
        inbox.WaitForAssertion(() => Assert.Equal("1004", inbox.Find("[data-testid=count-all]").TextContent));

        inbox.Find("#inbox-search").Input("kardus");
        inbox.WaitForAssertion(() => Assert.Equal("1,000+", inbox.Find("[data-testid=count-all]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("", inbox.Find("[data-testid=count-open]").TextContent);

        inbox.Find("#inbox-search").Input("alamat");
        inbox.WaitForAssertion(() => Assert.Equal("3", inbox.Find("[data-testid=count-open]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("3", inbox.Find("[data-testid=count-all]").TextContent);
    }
}
