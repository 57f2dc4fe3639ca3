using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// Turns a key off for good: <see cref="AuthenticateApiKey"/> refuses it from the next request on. The row stays, so
/// the list still shows when it was revoked. Revoking twice keeps the first time.
/// </summary>
public sealed record RevokeApiKey(int WorkspaceId, int KeyId) : IRequest<ApiKeyDto>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class RevokeApiKeyHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<RevokeApiKey, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == request.KeyId && k.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"API key {request.KeyId} was not found.");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return key.ToDto();
    }
}
