using System.Net.Mail;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// An admin invites a teammate by email (W26): Suppuo mails them a one-time link, valid for a week, where they choose
/// their name and password. Inviting the same pending email again sends a fresh link (the old one stops working).
/// </summary>
public sealed record InviteAgent(int WorkspaceId, string? Email, WorkspaceRole Role = WorkspaceRole.Agent) : IRequest<AgentDto>, IValidatable, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.Required("email", Email);
        if (!string.IsNullOrWhiteSpace(Email) && !MailAddress.TryCreate(Email.Trim(), out _))
            errors.Add("email", $"'{Email}' is not an email address.");
        if (!Enum.IsDefined(Role))
            errors.Add("role", "Must be Agent or Admin.");
    }
}

public sealed class InviteAgentHandler(SuppuoDbContext db, UserManager<AppUser> users, AccountMailer mail, TimeProvider clock)
    : IRequestHandler<InviteAgent, AgentDto>
{
    public async Task<AgentDto> Handle(InviteAgent request, CancellationToken cancellationToken)
    {
        var email = request.Email!.Trim();
        var taken = new ConflictException($"{email} already has a Suppuo account. Use another email address.");
        var user = await users.FindByEmailAsync(email);
        if (user is not null && (user.WorkspaceId != request.WorkspaceId || user.EmailConfirmed))
            throw taken;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = false,
                WorkspaceId = request.WorkspaceId,
                Role = request.Role,
                DisplayName = email.Split('@')[0],
            };
            var created = await users.CreateAsync(user);
            if (IdentityErrors.IsDuplicate(created))
                throw taken;
            if (!created.Succeeded)
                throw new ValidationFailedException(IdentityErrors.ByField(created, "email", "email"));
        }
        else if (user.Role != request.Role)
        {
            user.Role = request.Role;
            IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user));
        }

        var secret = await Invitations.IssueAsync(users, user, clock.GetUtcNow().UtcDateTime);
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == request.WorkspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
        await mail.SendAsync(email, $"You are invited to {workspace} on Suppuo",
            $"""
            Hello,

            You are invited to answer customers in the Suppuo workspace "{workspace}" as {(request.Role == WorkspaceRole.Admin ? "an admin" : "an agent")}.
            Choose your name and password here (the link works once, for {Invitations.Lifetime.TotalDays:0} days):

            {mail.Link(Invitations.PathFor(user.Id, secret))}

            If you did not expect this, ignore this mail.
            """, cancellationToken);
        return user.ToAgentDto();
    }
}
