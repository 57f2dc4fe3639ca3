using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>Whether /signup offers its form now (W26): with the default <c>FirstWorkspace</c>, only until the install has a workspace.</summary>
public sealed record IsSignupOpen : IRequest<bool>;

public sealed class IsSignupOpenHandler(SuppuoDbContext db, IOptions<SuppuoOptions> options) : IRequestHandler<IsSignupOpen, bool>
{
    public async Task<bool> Handle(IsSignupOpen request, CancellationToken cancellationToken) => options.Value.Signup switch
    {
        SuppuoOptions.SignupMode.Open => true,
        SuppuoOptions.SignupMode.FirstWorkspace => !await db.Workspaces.AnyAsync(cancellationToken),
        _ => false,
    };
}
