using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The key in <see cref="Key"/> exists only in this answer: the database keeps its hash.</summary>
public sealed record CreatedApiKey(int Id, string Name, ApiKeyScope Scope, string Key);

public sealed record CreateApiKey(int WorkspaceId, string? Name, ApiKeyScope? Scope) : IRequest<CreatedApiKey>, IValidatable, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.MaxLength("name", Name, 100);
        if (Scope is not { } scope || !Enum.IsDefined(scope))
            errors.Add("scope", "Must be read, write or admin.");
    }
}

public sealed class CreateApiKeyHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<CreateApiKey, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        // The command line names the workspace by id; pages and the API always pass their own.
        if (!await db.Workspaces.AnyAsync(w => w.Id == request.WorkspaceId, cancellationToken))
            throw new NotFoundException($"Workspace {request.WorkspaceId} was not found.");
        var secret = ApiKey.NewSecret();
        var key = new ApiKey
        {
            WorkspaceId = request.WorkspaceId,
            Name = string.IsNullOrWhiteSpace(request.Name) ? "API key" : request.Name.Trim(),
            Hint = secret[..7],
            KeyHash = ApiKey.Hash(secret),
            Scope = request.Scope!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.Id, key.Name, key.Scope, secret);
    }
}
