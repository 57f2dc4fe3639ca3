namespace Suppuo.Core.Workspaces;

/// <summary>A key as the API keys page lists it: never the key itself, only its first characters.</summary>
public sealed record ApiKeyDto(int Id, string Name, string Hint, DateTime CreatedAt, DateTime? RevokedAt, ApiKeyScope Scope, DateTime? LastUsedAt);

public static class ApiKeyMapping
{
    public static ApiKeyDto ToDto(this ApiKey key) => new(key.Id, key.Name, key.Hint, key.CreatedAt, key.RevokedAt, key.Scope, key.LastUsedAt);
}
