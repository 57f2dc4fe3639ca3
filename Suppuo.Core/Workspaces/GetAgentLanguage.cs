using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>W24: the language an agent's UI speaks: their own choice, else their workspace's.</summary>
public sealed record GetAgentLanguage(string UserId) : IRequest<string?>;

public sealed class GetAgentLanguageHandler(SuppuoDbContext db) : IRequestHandler<GetAgentLanguage, string?>
{
    public Task<string?> Handle(GetAgentLanguage request, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == request.UserId).Select(u => u.Language ?? u.Workspace.Language).SingleOrDefaultAsync(cancellationToken);
}
