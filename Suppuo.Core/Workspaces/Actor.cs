namespace Suppuo.Core.Workspaces;

public enum ActorKind { User, ApiKey, Operator }

/// <summary>
/// Who asks for a change. A signed-in user is named by id only, never by the role their cookie or page remembers: the
/// role is read from the database when the change is made (<see cref="AdminOnlyBehavior{TRequest,TResponse}"/>).
/// </summary>
public sealed record Actor
{
    private Actor(ActorKind kind, string? userId, ApiKeyScope keyScope) => (Kind, UserId, KeyScope) = (kind, userId, keyScope);

    public ActorKind Kind { get; }
    public string? UserId { get; }
    /// <summary>The scope of the API key the request came with; only meaningful for <see cref="ActorKind.ApiKey"/>.</summary>
    public ApiKeyScope KeyScope { get; }

    public static Actor User(string userId) => new(ActorKind.User, userId, default);

    public static Actor Key(ApiKeyScope scope) => new(ActorKind.ApiKey, null, scope);

    /// <summary>Whoever runs the server's command line (`admin create-workspace`, `admin create-api-key`) owns the install.</summary>
    public static Actor Operator { get; } = new(ActorKind.Operator, null, ApiKeyScope.Admin);
}
