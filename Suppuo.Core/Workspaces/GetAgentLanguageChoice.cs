using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>W24: the language an agent chose for themselves, null when they follow the workspace's (the menu marks it).</summary>
public sealed record GetAgentLanguageChoice(string UserId) : IRequest<string?>;

public sealed class GetAgentLanguageChoiceHandler(SuppuoDbContext db) : IRequestHandler<GetAgentLanguageChoice, string?>
{
    public Task<string?> Handle(GetAgentLanguageChoice request, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == request.UserId).Select(u => u.Language).SingleOrDefaultAsync(cancellationToken);
}
