using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Workspaces;

/// <summary>The Agents page's rules (issue 6), through the real Core over the real database.</summary>
public class AgentsTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Password = "Passw0rd!";

    private Task<AgentDto> AddAsync(TestWorkspace workspace, string name, WorkspaceRole role = WorkspaceRole.Agent) =>
        app.SendAsync(new AddAgent(workspace.Id, name, $"{name.ToLowerInvariant().Replace(' ', '.')}-{Guid.NewGuid():N}@example.test", Password, role) { By = Actor.User(workspace.OwnerUserId) });

    [Fact]
    public async Task An_added_agent_is_listed_with_their_role_and_can_sign_in()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var rudi = await AddAsync(workspace, "Rudi Agent");

        var agents = await app.SendAsync(new ListAgents(workspace.Id));

        Assert.Equal([(workspace.OwnerUserId, WorkspaceRole.Admin), (rudi.Id, WorkspaceRole.Agent)], agents.Select(a => (a.Id, a.Role)));
        Assert.Equal("Rudi Agent", agents[1].DisplayName);
        Assert.True(await WithUsersAsync(async users => await users.CheckPasswordAsync((await users.FindByIdAsync(rudi.Id))!, Password)));
    }

    [Fact]
    public async Task The_list_shows_only_the_workspaces_own_users()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        await AddAsync(theirs, "Their Agent");

        var agents = await app.SendAsync(new ListAgents(mine.Id));

        Assert.Equal([mine.OwnerUserId], agents.Select(a => a.Id));
    }

    [Fact]
    public async Task A_duplicate_email_is_a_conflict_that_says_so()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new AddAgent(mine.Id, "Copycat", theirs.OwnerEmail.ToUpperInvariant(), Password) { By = Actor.User(mine.OwnerUserId) }));

        Assert.Contains("already has a Suppuo account", conflict.Message);
        Assert.Single(await app.SendAsync(new ListAgents(mine.Id)));
    }

    [Fact]
    public async Task Adding_an_agent_needs_a_name_an_email_and_a_password_that_meets_the_rules()
    {
        var workspace = await app.CreateWorkspaceAsync();

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new AddAgent(workspace.Id, " ", "not-an-email", null) { By = Actor.User(workspace.OwnerUserId) }));
        Assert.Equal(["displayName", "email", "password"], missing.Errors.Keys.Order());

        var weak = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new AddAgent(workspace.Id, "Weak", $"weak-{Guid.NewGuid():N}@example.test", "short") { By = Actor.User(workspace.OwnerUserId) }));
        Assert.Equal(["password"], weak.Errors.Keys);
    }

    [Fact]
    public async Task An_admin_can_promote_an_agent_and_demote_them_again()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var rudi = await AddAsync(workspace, "Rudi");

        Assert.Equal(WorkspaceRole.Admin, (await app.SendAsync(new ChangeAgentRole(workspace.Id, rudi.Id, WorkspaceRole.Admin) { By = Actor.User(workspace.OwnerUserId) })).Role);
        Assert.Equal(WorkspaceRole.Agent, (await app.SendAsync(new ChangeAgentRole(workspace.Id, rudi.Id, WorkspaceRole.Agent) { By = Actor.User(workspace.OwnerUserId) })).Role);
        Assert.Equal(WorkspaceRole.Agent, (await app.SendAsync(new ListAgents(workspace.Id))).Single(a => a.Id == rudi.Id).Role);
    }

    [Fact]
    public async Task The_last_admin_cannot_demote_themselves()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await AddAsync(workspace, "Just An Agent");

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new ChangeAgentRole(workspace.Id, workspace.OwnerUserId, WorkspaceRole.Agent) { By = Actor.User(workspace.OwnerUserId) }));

        Assert.Contains("is the last admin of this workspace", conflict.Message);
        Assert.Contains("Make another user an admin first", conflict.Message);
        Assert.Equal(WorkspaceRole.Admin, (await app.SendAsync(new ListAgents(workspace.Id))).Single(a => a.Id == workspace.OwnerUserId).Role);
    }

    [Fact]
    public async Task The_last_admin_cannot_remove_themselves()
    {
        var workspace = await app.CreateWorkspaceAsync();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RemoveAgent(workspace.Id, workspace.OwnerUserId) { By = Actor.User(workspace.OwnerUserId) }));

        Assert.Contains("is the last admin of this workspace", conflict.Message);
        Assert.Single(await app.SendAsync(new ListAgents(workspace.Id)));
    }

    [Fact]
    public async Task An_admin_may_step_down_once_another_admin_exists()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var second = await AddAsync(workspace, "Second Admin", WorkspaceRole.Admin);

        await app.SendAsync(new ChangeAgentRole(workspace.Id, workspace.OwnerUserId, WorkspaceRole.Agent) { By = Actor.User(workspace.OwnerUserId) });
        // Once an agent, the former owner can no longer remove anyone (W26): the remaining admin does.
        await app.SendAsync(new RemoveAgent(workspace.Id, workspace.OwnerUserId) { By = Actor.User(second.Id) });

        Assert.Equal(["Second Admin"], (await app.SendAsync(new ListAgents(workspace.Id))).Select(a => a.DisplayName));
    }

    [Fact]
    public async Task W26_an_agent_cannot_add_invite_promote_or_remove_users_whatever_their_page_shows()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var rudi = await AddAsync(workspace, "Rudi Agent");
        var sari = await AddAsync(workspace, "Sari Agent");
        var asRudi = Actor.User(rudi.Id);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeAgentRole(workspace.Id, rudi.Id, WorkspaceRole.Admin) { By = asRudi }));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new RemoveAgent(workspace.Id, sari.Id) { By = asRudi }));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new AddAgent(workspace.Id, "Sneaky", $"sneaky-{Guid.NewGuid():N}@example.test", Password, WorkspaceRole.Admin) { By = asRudi }));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new InviteAgent(workspace.Id, $"invited-{Guid.NewGuid():N}@example.test", WorkspaceRole.Admin) { By = asRudi }));
        // An admin of another workspace is no admin here.
        var other = await app.CreateWorkspaceAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new RemoveAgent(workspace.Id, sari.Id) { By = Actor.User(other.OwnerUserId) }));

        Assert.Equal([(workspace.OwnerUserId, WorkspaceRole.Admin), (rudi.Id, WorkspaceRole.Agent), (sari.Id, WorkspaceRole.Agent)],
            (await app.SendAsync(new ListAgents(workspace.Id))).Select(a => (a.Id, a.Role)));
    }

    [Fact]
    public async Task A_user_of_another_workspace_is_not_found()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var theirAgent = await AddAsync(theirs, "Their Agent");

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ChangeAgentRole(mine.Id, theirAgent.Id, WorkspaceRole.Admin) { By = Actor.User(mine.OwnerUserId) }));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RemoveAgent(mine.Id, theirAgent.Id) { By = Actor.User(mine.OwnerUserId) }));

        Assert.Equal(WorkspaceRole.Agent, (await app.SendAsync(new ListAgents(theirs.Id))).Single(a => a.Id == theirAgent.Id).Role);
    }

    [Fact]
    public async Task Removing_an_agent_unassigns_their_tickets_and_only_theirs()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var rudi = await AddAsync(workspace, "Rudi");
        var theirs = await NewTicketAsync(workspace, assigneeId: rudi.Id);
        var owners = await NewTicketAsync(workspace, assigneeId: workspace.OwnerUserId);

        await app.SendAsync(new RemoveAgent(workspace.Id, rudi.Id) { By = Actor.User(workspace.OwnerUserId) });

        Assert.Null((await app.SendAsync(new GetTicket(workspace.Id, theirs))).AssigneeId);
        Assert.Equal(workspace.OwnerUserId, (await app.SendAsync(new GetTicket(workspace.Id, owners))).AssigneeId);
        Assert.DoesNotContain(await app.SendAsync(new ListAgents(workspace.Id)), a => a.Id == rudi.Id);
    }

    [Fact]
    public async Task A_removed_agent_is_signed_out()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var rudi = await AddAsync(workspace, "Rudi");
        var session = await WithSignInAsync(async (signIn, users) => await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(rudi.Id))!));

        await app.SendAsync(new RemoveAgent(workspace.Id, rudi.Id) { By = Actor.User(workspace.OwnerUserId) });

        // What the cookie's security-stamp check does with the session they still hold.
        Assert.Null(await WithSignInAsync((signIn, _) => signIn.ValidateSecurityStampAsync(session)));
    }

    [Fact]
    public async Task A_demoted_admin_is_signed_out_so_their_admin_rights_end()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var second = await AddAsync(workspace, "Second Admin", WorkspaceRole.Admin);
        var session = await WithSignInAsync(async (signIn, users) => await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(second.Id))!));
        Assert.NotNull(await WithSignInAsync((signIn, _) => signIn.ValidateSecurityStampAsync(session)));

        await app.SendAsync(new ChangeAgentRole(workspace.Id, second.Id, WorkspaceRole.Agent) { By = Actor.User(workspace.OwnerUserId) });

        Assert.Null(await WithSignInAsync((signIn, _) => signIn.ValidateSecurityStampAsync(session)));
    }

    private async Task<int> NewTicketAsync(TestWorkspace workspace, string assigneeId)
    {
        var ticket = await app.SendAsync(new CreateTicket(workspace.Id, "Pesanan belum sampai", "Halo", TicketChannel.Web, "Budi", "budi@example.test"));
        await app.SendAsync(new UpdateTicket(workspace.Id, ticket.Id, null, SetAssignee: true, AssigneeId: assigneeId));
        return ticket.Id;
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private async Task<T> WithSignInAsync<T>(Func<SignInManager<AppUser>, UserManager<AppUser>, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }
}
