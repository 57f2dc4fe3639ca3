using MediatR;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The key in <see cref="Key"/> exists only in this answer: the database keeps its hash.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Key);

public sealed record CreateApiKey(int WorkspaceId, string? Name) : IRequest<CreatedApiKey>, IValidatable
{
    public void Validate(ValidationErrors errors) => errors.MaxLength("name", Name, 100);
}

public sealed class CreateApiKeyHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<CreateApiKey, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        var secret = ApiKey.NewSecret();
        var key = new ApiKey
        {
            WorkspaceId = request.WorkspaceId,
            Name = string.IsNullOrWhiteSpace(request.Name) ? "API key" : request.Name.Trim(),
            Hint = secret[..7],
            KeyHash = ApiKey.Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.Id, key.Name, secret);
    }
}
