using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Workspaces;

/// <summary>W26: the sign-in page neither tells who has an account nor lets a stranger lock an agent out.</summary>
public class SignInTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task W26_a_wrong_password_flood_from_one_address_never_locks_the_agent_out()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var attacker = new AccountPages(app);
        for (var i = 0; i < 12; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync(workspace.OwnerEmail, $"guess-{i}")).StatusCode);

        var owner = await new AccountPages(app).SignInAsync(workspace.OwnerEmail, "Passw0rd!");

        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task W26_sign_in_fails_with_one_message_for_an_unknown_email_a_wrong_password_a_locked_or_unconfirmed_account()
    {
        var wrongPassword = await app.CreateWorkspaceAsync();
        var locked = await app.CreateWorkspaceAsync();
        var unconfirmed = await app.CreateWorkspaceAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(locked.OwnerEmail))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)); // as a lockout from before W26 left it
        }
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == unconfirmed.OwnerEmail).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));
        var pages = new AccountPages(app);

        var messages = new[]
        {
            await AccountPages.MessageOfAsync(await pages.SignInAsync($"nobody-{Guid.NewGuid():N}@example.test", "Passw0rd!")),
            await AccountPages.MessageOfAsync(await pages.SignInAsync(wrongPassword.OwnerEmail, "wrong-password")),
            await AccountPages.MessageOfAsync(await pages.SignInAsync(locked.OwnerEmail, "Passw0rd!")),
            await AccountPages.MessageOfAsync(await pages.SignInAsync(unconfirmed.OwnerEmail, "Passw0rd!")),
        };

        Assert.Single(messages.Distinct());
        Assert.Contains("do not match", messages[0]);
    }
}
