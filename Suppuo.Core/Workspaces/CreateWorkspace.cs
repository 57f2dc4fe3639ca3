using System.Net.Mail;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

public sealed record WorkspaceCreated(int WorkspaceId, string OwnerUserId);

/// <summary>A new workspace and its owner, who is its first admin. Nothing is kept if any part fails.</summary>
/// <param name="OwnerEmailConfirmed">False for an open sign-up: the owner cannot sign in until they confirm their email (W26).</param>
/// <param name="OnlyAsFirstWorkspace">Refused with <see cref="SignupClosedException"/> when any workspace exists, checked inside the creating transaction.</param>
/// <param name="Language">en or id; null: <c>Suppuo:Defaults:Language</c> (W24).</param>
/// <param name="TimeZone">An IANA zone; null: <c>Suppuo:Defaults:TimeZone</c> (W24).</param>
public sealed record CreateWorkspace(
    string? Name, string? OwnerEmail, string? OwnerPassword, string? OwnerName = null, bool OwnerEmailConfirmed = true, bool OnlyAsFirstWorkspace = false,
    string? Language = null, string? TimeZone = null)
    : IRequest<WorkspaceCreated>, IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("name", Name);
        errors.MaxLength("name", Name?.Trim(), Workspace.NameMaxLength);
        errors.Required("ownerEmail", OwnerEmail);
        if (!string.IsNullOrWhiteSpace(OwnerEmail) && !MailAddress.TryCreate(OwnerEmail.Trim(), out _))
            errors.Add("ownerEmail", $"'{OwnerEmail}' is not an email address.");
        errors.Required("ownerPassword", OwnerPassword);
        errors.MaxLength("ownerName", OwnerName, 100);
        if (Language is not null)
            WorkspaceSettingsRules.Language(errors, "language", Language);
        if (TimeZone is not null)
            WorkspaceSettingsRules.TimeZone(errors, "timeZone", TimeZone);
    }
}

public sealed class CreateWorkspaceHandler(SuppuoDbContext db, UserManager<AppUser> users, TimeProvider clock, IOptions<SuppuoOptions> options)
    : IRequestHandler<CreateWorkspace, WorkspaceCreated>
{
    public async Task<WorkspaceCreated> Handle(CreateWorkspace request, CancellationToken cancellationToken)
    {
        var email = request.OwnerEmail!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            throw new ConflictException($"A user with email {email} already exists.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.OnlyAsFirstWorkspace)
        {
            // Two visitors of an empty install at once: SQLite's transactions take the write lock up front, and on
            // PostgreSQL this lock makes the second wait and then see the first one's workspace.
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"""LOCK TABLE "Workspaces" IN SHARE ROW EXCLUSIVE MODE""", cancellationToken);
            if (await db.Workspaces.AnyAsync(cancellationToken))
                throw new SignupClosedException();
        }
        var defaults = options.Value.Defaults;
        var workspace = new Workspace
        {
            Name = request.Name!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Language = request.Language ?? defaults.Language,
            TimeZone = request.TimeZone ?? defaults.TimeZone,
        };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync(cancellationToken);

        var owner = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = request.OwnerEmailConfirmed,
            WorkspaceId = workspace.Id,
            Role = WorkspaceRole.Admin,
            DisplayName = string.IsNullOrWhiteSpace(request.OwnerName) ? email.Split('@')[0] : request.OwnerName.Trim(),
        };
        var result = await users.CreateAsync(owner, request.OwnerPassword!);
        if (!result.Succeeded)
            throw new ValidationFailedException(IdentityErrors.ByField(result, "ownerPassword", "ownerEmail"));

        await transaction.CommitAsync(cancellationToken);
        return new WorkspaceCreated(workspace.Id, owner.Id);
    }
}
