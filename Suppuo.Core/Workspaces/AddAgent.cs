using System.Net.Mail;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Suppuo.Core.Common;

namespace Suppuo.Core.Workspaces;

/// <summary>An admin adds a teammate with an initial password, which the admin passes on to them.</summary>
public sealed record AddAgent(int WorkspaceId, string? DisplayName, string? Email, string? Password, WorkspaceRole Role = WorkspaceRole.Agent)
    : IRequest<AgentDto>, IValidatable, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.Required("displayName", DisplayName);
        errors.MaxLength("displayName", DisplayName?.Trim(), 100);
        errors.Required("email", Email);
        if (!string.IsNullOrWhiteSpace(Email) && !MailAddress.TryCreate(Email.Trim(), out _))
            errors.Add("email", $"'{Email}' is not an email address.");
        errors.Required("password", Password);
        if (!Enum.IsDefined(Role))
            errors.Add("role", "Must be Agent or Admin.");
    }
}

public sealed class AddAgentHandler(UserManager<AppUser> users) : IRequestHandler<AddAgent, AgentDto>
{
    public async Task<AgentDto> Handle(AddAgent request, CancellationToken cancellationToken)
    {
        var email = request.Email!.Trim();
        // An email signs in to exactly one workspace, so it is unique across the installation; the message never says which workspace holds it.
        var taken = new ConflictException($"{email} already has a Suppuo account. Use another email address.");
        if (await users.FindByEmailAsync(email) is not null)
            throw taken;

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            WorkspaceId = request.WorkspaceId,
            Role = request.Role,
            DisplayName = request.DisplayName!.Trim(),
        };
        var result = await users.CreateAsync(user, request.Password!);
        if (IdentityErrors.IsDuplicate(result))
            throw taken;
        if (!result.Succeeded)
            throw new ValidationFailedException(IdentityErrors.ByField(result, "password", "email"));
        return user.ToAgentDto();
    }
}
