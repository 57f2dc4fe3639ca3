using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>The Agents page (issue 6) with bunit, over the real Core.</summary>
public class AgentsPageTests(SuppuoApp app) : AdminPageTest(app)
{
    private async Task<(TestWorkspace Workspace, IRenderedComponent<AgentsPage> Page, IRenderedComponent<MudDialogProvider> Dialogs)> RenderAsAdminAsync()
    {
        var workspace = await App.CreateWorkspaceAsync();
        SignInAsOwnerOf(workspace);
        var dialogs = RenderDialogProvider(); // services are fixed from the first render on, so after sign-in
        var page = Bunit.Render<AgentsPage>();
        page.WaitForElement("[data-testid=agents-table]");
        return (workspace, page, dialogs);
    }

    private static IElement Row(IRenderedComponent<AgentsPage> page, string email) =>
        page.FindAll("[data-testid=agent-row]").Single(r => r.GetAttribute("data-email") == email);

    private static void FillAgent(IRenderedComponent<AgentsPage> page, string name, string email, string password)
    {
        page.Find("#agent-name").Input(name);
        page.Find("#agent-email").Input(email);
        page.Find("#agent-password").Input(password);
    }

    [Fact]
    public async Task The_page_lists_the_workspaces_users_and_marks_the_signed_in_admin()
    {
        var (workspace, page, _) = await RenderAsAdminAsync();

        var owner = Row(page, workspace.OwnerEmail);
        Assert.Equal("Admin", owner.QuerySelector("[data-testid=agent-role]")!.TextContent.Trim());
        Assert.Contains("you", owner.TextContent);
        Assert.Single(page.FindAll("[data-testid=agent-row]"));
    }

    [Fact]
    public async Task An_added_agent_appears_in_the_list_as_an_agent()
    {
        var (_, page, _) = await RenderAsAdminAsync();
        var email = $"rudi-{Guid.NewGuid():N}@example.test";

        FillAgent(page, "Rudi", email, "Passw0rd!");
        await page.Find("[data-testid=add-agent]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Agent", Row(page, email).QuerySelector("[data-testid=agent-role]")!.TextContent.Trim()));
        Assert.Equal("", page.Find("#agent-email").GetAttribute("value") ?? ""); // the form is ready for the next one
    }

    [Fact]
    public async Task W26_an_admin_invites_by_email_and_the_invitee_is_listed_as_invited_until_they_join()
    {
        var (_, page, _) = await RenderAsAdminAsync();
        var email = $"sari-{Guid.NewGuid():N}@example.test";

        page.Find("#invite-email").Input(email);
        await page.Find("[data-testid=invite-agent]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("invited", Row(page, email).QuerySelector("[data-testid=agent-invited]")!.TextContent));
        Assert.Contains($"Invitation sent to {email}", page.Find("[data-testid=invite-agent-sent]").TextContent);
        Assert.Contains("/account/invitation?userId=", Assert.Single(AccountPages.MailsTo(App, email)).TextBody);
    }

    [Fact]
    public async Task A_duplicate_email_is_explained_on_the_form()
    {
        var (workspace, page, _) = await RenderAsAdminAsync();

        FillAgent(page, "Copycat", workspace.OwnerEmail, "Passw0rd!");
        await page.Find("[data-testid=add-agent]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("already has a Suppuo account", page.Find("[data-testid=add-agent-problem]").TextContent));
        Assert.Single(page.FindAll("[data-testid=agent-row]"));
    }

    [Fact]
    public async Task A_weak_password_is_shown_on_the_password_field()
    {
        var (_, page, _) = await RenderAsAdminAsync();

        FillAgent(page, "Weak", $"weak-{Guid.NewGuid():N}@example.test", "short");
        await page.Find("[data-testid=add-agent]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Passwords must be at least 8 characters", page.Markup));
    }

    [Fact]
    public async Task The_last_admin_is_told_why_they_cannot_make_themselves_an_agent()
    {
        var (workspace, page, _) = await RenderAsAdminAsync();

        await Row(page, workspace.OwnerEmail).QuerySelector("[data-testid=change-role]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("is the last admin of this workspace", page.Find("[data-testid=agents-problem]").TextContent));
        Assert.Equal("Admin", Row(page, workspace.OwnerEmail).QuerySelector("[data-testid=agent-role]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Make_admin_promotes_an_agent()
    {
        var (workspace, page, _) = await RenderAsAdminAsync();
        var rudi = await App.SendAsync(new AddAgent(workspace.Id, "Rudi", $"rudi-{Guid.NewGuid():N}@example.test", "Passw0rd!") { By = Actor.User(workspace.OwnerUserId) });
        page = Bunit.Render<AgentsPage>();
        page.WaitForAssertion(() => Row(page, rudi.Email));

        await Row(page, rudi.Email).QuerySelector("[data-testid=change-role]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Admin", Row(page, rudi.Email).QuerySelector("[data-testid=agent-role]")!.TextContent.Trim()));
    }

    [Fact]
    public async Task W26_an_admin_demoted_while_the_agents_page_is_open_cannot_promote_themselves_back()
    {
        var (workspace, page, _) = await RenderAsAdminAsync();
        var second = await App.SendAsync(new AddAgent(workspace.Id, "Second Admin", $"second-{Guid.NewGuid():N}@example.test", "Passw0rd!", WorkspaceRole.Admin)
            { By = Actor.User(workspace.OwnerUserId) });

        // Another admin demotes them. Their circuit still holds the "Admin" role it signed in with (until its next
        // revalidation), so the page keeps rendering, and a refreshed list even offers "Make admin" on their own row.
        await App.SendAsync(new ChangeAgentRole(workspace.Id, workspace.OwnerUserId, WorkspaceRole.Agent) { By = Actor.User(second.Id) });
        page = Bunit.Render<AgentsPage>();
        page.WaitForAssertion(() => Assert.Equal("Agent", Row(page, workspace.OwnerEmail).QuerySelector("[data-testid=agent-role]")!.TextContent.Trim()));

        await Row(page, workspace.OwnerEmail).QuerySelector("[data-testid=change-role]")!.ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains(Bunit.Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message?.Contains("no longer an admin", StringComparison.Ordinal) == true));
        Assert.Equal(WorkspaceRole.Agent, (await App.SendAsync(new ListAgents(workspace.Id))).Single(a => a.Id == workspace.OwnerUserId).Role);
        Assert.Equal("Agent", Row(page, workspace.OwnerEmail).QuerySelector("[data-testid=agent-role]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Removing_an_agent_asks_first_then_takes_them_off_the_list()
    {
        var (workspace, page, dialogs) = await RenderAsAdminAsync();
        var rudi = await App.SendAsync(new AddAgent(workspace.Id, "Rudi", $"rudi-{Guid.NewGuid():N}@example.test", "Passw0rd!") { By = Actor.User(workspace.OwnerUserId) });
        page = Bunit.Render<AgentsPage>();
        page.WaitForAssertion(() => Row(page, rudi.Email));

        await ConfirmAsync(Row(page, rudi.Email).QuerySelector("[data-testid=remove-agent]")!, dialogs, "Remove");

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=agent-row]"), r => r.GetAttribute("data-email") == rudi.Email));
        Assert.DoesNotContain(await App.SendAsync(new ListAgents(workspace.Id)), a => a.Id == rudi.Id);
    }
}
