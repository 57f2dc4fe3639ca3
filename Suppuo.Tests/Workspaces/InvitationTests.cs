using System.Net;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Workspaces;

/// <summary>W26: admins invite agents by email; the mailed link lets the invitee join once, within its lifetime.</summary>
public class InvitationTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string InvitationPath = "/account/invitation";

    private async Task<(TestWorkspace Workspace, string Email, string Link)> InviteAsync(WorkspaceRole role = WorkspaceRole.Agent)
    {
        var workspace = await app.CreateWorkspaceAsync("Toko Budi");
        var email = $"rudi-{Guid.NewGuid():N}@example.test";
        var invited = await app.SendAsync(new InviteAgent(workspace.Id, email, role) { By = Actor.User(workspace.OwnerUserId) });
        Assert.True(invited.Invited);
        var mail = Assert.Single(AccountPages.MailsTo(app, email));
        Assert.Contains("Toko Budi", mail.Subject);
        return (workspace, email, AccountPages.LinkIn(mail, InvitationPath));
    }

    private static Task<HttpResponseMessage> JoinAsync(AccountPages pages, string link, string name = "Rudi", string password = "Rudi1234!") =>
        pages.PostAsync(link, "invitation", new Dictionary<string, string> { ["Name"] = name, ["Password"] = password });

    [Fact]
    public async Task W26_an_invited_agent_joins_through_the_mailed_link_and_lands_in_the_workspace()
    {
        var (workspace, email, link) = await InviteAsync(WorkspaceRole.Admin);
        var pages = new AccountPages(app);
        // Before joining they cannot sign in (no password, email not confirmed).
        Assert.Equal(HttpStatusCode.OK, (await pages.SignInAsync(email, "Rudi1234!")).StatusCode);

        var joined = await JoinAsync(pages, link);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode); // signed in, off to the inbox
        var agents = await app.SendAsync(new ListAgents(workspace.Id));
        var rudi = Assert.Single(agents, a => a.Email == email);
        Assert.Equal(("Rudi", WorkspaceRole.Admin, false), (rudi.DisplayName, rudi.Role, rudi.Invited));
        Assert.Equal(HttpStatusCode.Redirect, (await new AccountPages(app).SignInAsync(email, "Rudi1234!")).StatusCode);
    }

    [Fact]
    public async Task W26_a_used_invitation_link_is_refused_with_a_clear_message()
    {
        var (_, email, link) = await InviteAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(new AccountPages(app), link)).StatusCode);

        var stranger = new AccountPages(app);
        var again = await AccountPages.MessageOfAsync(await stranger.GetAsync(link));
        Assert.Contains("already used", again);
        // Nor can a second submit of the same form (loaded before the first was used) change the password.
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new AcceptInvitation(QueryOf(link, "userId"), QueryOf(link, "token"), "Mallory", "Mallory123!")));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.SignInAsync(email, "Rudi1234!")).StatusCode);
    }

    [Fact]
    public async Task W26_an_expired_invitation_link_is_refused_with_a_clear_message()
    {
        var (workspace, email, link) = await InviteAsync();
        app.Clock.Advance(TimeSpan.FromDays(8));
        try
        {
            var expired = await AccountPages.MessageOfAsync(await new AccountPages(app).GetAsync(link));
            Assert.Contains("This invitation expired on", expired);
            Assert.Contains("Ask your admin to invite you again", expired);
            await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new AcceptInvitation(QueryOf(link, "userId"), QueryOf(link, "token"), "Rudi", "Rudi1234!")));
            Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email && u.PasswordHash == null)));

            // Inviting again sends a fresh link that works.
            await app.SendAsync(new InviteAgent(workspace.Id, email) { By = Actor.User(workspace.OwnerUserId) });
            var fresh = AccountPages.MailsTo(app, email).Select(m => AccountPages.LinkIn(m, InvitationPath)).Single(l => l != link);
            Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(new AccountPages(app), fresh)).StatusCode);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-8));
        }
    }

    private static string QueryOf(string link, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + link).Query)[name].ToString();
}
