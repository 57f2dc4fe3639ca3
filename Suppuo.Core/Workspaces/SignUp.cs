using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Suppuo.Core.Common;

namespace Suppuo.Core.Workspaces;

/// <summary>Sign-up is closed by <c>Suppuo:Signup</c> (W26); the page says so before anyone types.</summary>
public sealed class SignupClosedException() : Exception(
    "Sign-up is closed on this Suppuo. Ask an admin of your workspace to invite you, or the operator to create a workspace with the admin command line.");

public enum SignupNext
{
    /// <summary>The first workspace of the install is made: its owner is signed in at once.</summary>
    SignIn,
    /// <summary>Open sign-up: whatever happened, the visitor reads the same "check your email".</summary>
    CheckEmail,
}

public sealed record SignupOutcome(SignupNext Next, string? OwnerUserId = null);

/// <summary>
/// A visitor creates a workspace at /signup, as <c>Suppuo:Signup</c> allows (W26). Open sign-up never tells the visitor
/// whether the email already has an account: a new owner gets a confirmation link, an existing one a notice.
/// </summary>
public sealed record SignUp(string? WorkspaceName, string? Email, string? Password, string? Name, string? Language = null, string? TimeZone = null)
    : IRequest<SignupOutcome>, IValidatable
{
    public void Validate(ValidationErrors errors) => AsCreateWorkspace().Validate(errors);

    internal CreateWorkspace AsCreateWorkspace(bool confirmed = true, bool onlyAsFirst = false) =>
        new(WorkspaceName, Email, Password, Name, confirmed, onlyAsFirst, Language, TimeZone);
}

public sealed class SignUpHandler(IMediator sender, UserManager<AppUser> users, AccountMailer mail, IOptions<SuppuoOptions> options)
    : IRequestHandler<SignUp, SignupOutcome>
{
    public async Task<SignupOutcome> Handle(SignUp request, CancellationToken cancellationToken)
    {
        switch (options.Value.Signup)
        {
            case SuppuoOptions.SignupMode.FirstWorkspace:
                // No workspace yet means no user yet: nothing to reveal about anyone's email.
                var created = await sender.Send(request.AsCreateWorkspace(onlyAsFirst: true), cancellationToken);
                return new SignupOutcome(SignupNext.SignIn, created.OwnerUserId);
            case SuppuoOptions.SignupMode.Open:
                await OpenAsync(request, cancellationToken);
                return new SignupOutcome(SignupNext.CheckEmail);
            default:
                throw new SignupClosedException();
        }
    }

    private async Task OpenAsync(SignUp request, CancellationToken cancellationToken)
    {
        // The password rules are checked for every email alike: refusing a weak password only for new emails would say which exist.
        var weak = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            weak.AddRange((await validator.ValidateAsync(users, null!, request.Password!)).Errors);
        if (weak.Count > 0)
            throw new ValidationFailedException(IdentityErrors.ByField(IdentityResult.Failed([.. weak]), "ownerPassword", "ownerEmail"));

        var email = request.Email!.Trim();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (!existing.EmailConfirmed && existing.Role == WorkspaceRole.Admin)
                await MailConfirmationAsync(existing, cancellationToken); // they lost the first link: a fresh one
            else
                await mail.SendAsync(email, "Someone tried to create a Suppuo workspace with your email",
                    $"""
                    Hello {existing.DisplayName},

                    Someone, perhaps you, tried to create a new Suppuo workspace with this email address. You already have an account, so nothing was created.

                    Sign in here: {mail.Link("/account/login")}

                    If this was not you, you can ignore this mail: your account is unchanged.
                    """, cancellationToken);
            return;
        }

        WorkspaceCreated created;
        try
        {
            created = await sender.Send(request.AsCreateWorkspace(confirmed: false), cancellationToken);
        }
        catch (ConflictException)
        {
            return; // signed up at the same moment by another request, which mailed them: the same answer
        }
        await MailConfirmationAsync((await users.FindByIdAsync(created.OwnerUserId))!, cancellationToken);
    }

    private async Task MailConfirmationAsync(AppUser owner, CancellationToken cancellationToken)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(owner);
        var link = mail.Link(ConfirmEmail.PathFor(owner.Id, code));
        await mail.SendAsync(owner.Email!, "Confirm your email to start using Suppuo",
            $"""
            Hello {owner.DisplayName},

            Your Suppuo workspace is ready. Confirm your email address to sign in:

            {link}

            If you did not sign up for Suppuo, ignore this mail.
            """, cancellationToken);
    }
}
