using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>W24: an agent's own UI language; null goes back to the workspace's.</summary>
public sealed record SetAgentLanguage(string UserId, string? Language) : IRequest;

public sealed class SetAgentLanguageHandler(SuppuoDbContext db) : IRequestHandler<SetAgentLanguage>
{
    public async Task<Unit> Handle(SetAgentLanguage request, CancellationToken cancellationToken)
    {
        var language = string.IsNullOrWhiteSpace(request.Language) ? null : request.Language.Trim().ToLowerInvariant();
        if (language is not null && !Languages.IsSupported(language))
            throw new ValidationFailedException("language", $"Choose one of {string.Join(", ", Languages.Supported)}, or none for the workspace's language.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken)
            ?? throw new NotFoundException("There is no such user.");
        user.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
