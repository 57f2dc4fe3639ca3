using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The workspace a bearer key belongs to, or null for an unknown or revoked key.</summary>
public sealed record AuthenticateApiKey(string Key) : IRequest<int?>;

public sealed class AuthenticateApiKeyHandler(SuppuoDbContext db) : IRequestHandler<AuthenticateApiKey, int?>
{
    public async Task<int?> Handle(AuthenticateApiKey request, CancellationToken cancellationToken)
    {
        if (!request.Key.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) || request.Key.Length > 100)
            return null;
        var hash = ApiKey.Hash(request.Key);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => (int?)k.WorkspaceId)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
