using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The workspace a bearer key belongs to and what it may do, or null for an unknown or revoked key.</summary>
public sealed record AuthenticateApiKey(string Key) : IRequest<AuthenticatedKey?>;

public sealed record AuthenticatedKey(int WorkspaceId, ApiKeyScope Scope);

public sealed class AuthenticateApiKeyHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<AuthenticateApiKey, AuthenticatedKey?>
{
    public async Task<AuthenticatedKey?> Handle(AuthenticateApiKey request, CancellationToken cancellationToken)
    {
        if (!request.Key.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) || request.Key.Length > 100)
            return null;
        var hash = ApiKey.Hash(request.Key);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.WorkspaceId, k.Scope, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (key is null)
            return null;

        // "Last used" for the key list, written at most once per LastUsedPrecision so a busy integration costs no write per call.
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is not { } last || now - last >= ApiKey.LastUsedPrecision)
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        return new AuthenticatedKey(key.WorkspaceId, key.Scope);
    }
}
