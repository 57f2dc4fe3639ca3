using System.Net;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Workspaces;

/// <summary>W26: who may create a workspace at /signup (<c>Suppuo:Signup</c>), each test on a fresh install.</summary>
public class SignupTests
{
    /// <summary>A fresh install; on PostgreSQL in the subclass.</summary>
    protected virtual SuppuoApp NewApp() => new();

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task W26_by_default_signup_creates_the_install_s_first_workspace_then_closes()
    {
        using var app = NewApp();
        var pages = new AccountPages(app);

        var first = await pages.SignUpAsync("Warung Sari", NewEmail("sari"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode); // the owner is signed in and sent to the inbox

        var closed = await AccountPages.MessageOfAsync(await pages.GetAsync("/signup"));
        Assert.Contains("Sign-up is closed", closed);
        // A form loaded before the first workspace was made, posted after: refused too.
        var late = await new AccountPages(app).SignUpAsync("Toko Kedua", NewEmail("late"), tokenFrom: "/account/login");
        Assert.Contains("Sign-up is closed", await AccountPages.MessageOfAsync(late));
        Assert.Equal(["Warung Sari"], await app.WithDbAsync(db => db.Workspaces.Select(w => w.Name).ToListAsync()));
    }

    [Fact]
    public async Task W26_of_several_first_visitors_at_once_exactly_one_creates_the_install_s_workspace()
    {
        using var app = NewApp();
        _ = app.Services; // started before the race
        var attempts = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                await app.SendAsync(new SignUp($"First {i}", NewEmail($"visitor{i}"), "Passw0rd!", null));
                return true;
            }
            catch (SignupClosedException)
            {
                return false;
            }
        }));

        Assert.Single(await Task.WhenAll(attempts), created => created);
        Assert.Equal(1, await app.WithDbAsync(db => db.Workspaces.CountAsync()));
    }

    [Fact]
    public async Task W26_closed_signup_refuses_even_on_an_empty_install()
    {
        using var app = NewApp().WithSetting("Suppuo:Signup", "Closed");
        var pages = new AccountPages(app);

        Assert.Contains("Sign-up is closed", await AccountPages.MessageOfAsync(await pages.GetAsync("/signup")));
        var posted = await pages.SignUpAsync("Warung Sari", NewEmail("sari"), tokenFrom: "/account/login");

        Assert.Contains("admin command line", await AccountPages.MessageOfAsync(posted));
        Assert.Equal(0, await app.WithDbAsync(db => db.Workspaces.CountAsync()));
    }

    [Fact]
    public async Task W26_open_signup_lets_the_new_admin_sign_in_only_after_confirming_the_mailed_link()
    {
        using var app = NewApp().WithSetting("Suppuo:Signup", "Open");
        var pages = new AccountPages(app);
        await app.CreateWorkspaceAsync(); // open means also after the first workspace
        var email = NewEmail("sari");

        var answer = await pages.SignUpAsync("Warung Sari", email);
        Assert.Contains("Check your email to continue", await AccountPages.MessageOfAsync(answer));
        Assert.Equal(HttpStatusCode.OK, (await pages.SignInAsync(email, "Passw0rd!")).StatusCode); // stays on sign-in: not confirmed

        var mail = Assert.Single(AccountPages.MailsTo(app, email));
        var confirmed = await pages.GetAsync(AccountPages.LinkIn(mail, ConfirmEmail.Path));
        Assert.Contains("Your email is confirmed", await AccountPages.MessageOfAsync(confirmed));

        var signedIn = await pages.SignInAsync(email, "Passw0rd!");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Workspaces.CountAsync()));
    }

    [Fact]
    public async Task W26_open_signup_gives_one_answer_whether_the_email_has_an_account_and_mails_its_owner_instead()
    {
        using var app = NewApp().WithSetting("Suppuo:Signup", "Open");
        var existing = await app.CreateWorkspaceAsync("Toko Budi");
        var pages = new AccountPages(app);

        var forExisting = await AccountPages.MessageOfAsync(await pages.SignUpAsync("Toko Palsu", existing.OwnerEmail));
        var newEmail = NewEmail("new");
        var forNew = await AccountPages.MessageOfAsync(await pages.SignUpAsync("Toko Baru", newEmail));

        Assert.Equal(forNew.Replace(newEmail, "EMAIL"), forExisting.Replace(existing.OwnerEmail, "EMAIL"));
        Assert.DoesNotContain("already", forExisting);
        var notice = Assert.Single(AccountPages.MailsTo(app, existing.OwnerEmail));
        Assert.Contains("You already have an account", notice.TextBody);
        Assert.False(await app.WithDbAsync(db => db.Workspaces.AnyAsync(w => w.Name == "Toko Palsu")));
    }
}
