using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Workspaces;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/api-keys: the workspace's keys, for an `admin` key only (W26; Core refuses the others with 403).</summary>
public static class ApiKeysApi
{
    public sealed record CreateApiKeyBody(string? Name, string? Scope);

    /// <summary>A key in a list: never the secret, nor its hash.</summary>
    public sealed record ApiKeyJson(int Id, string Name, string Scope, DateTime CreatedAt, DateTime? LastUsedAt);

    public sealed record ApiKeyListJson(IReadOnlyList<ApiKeyJson> Items);

    /// <summary>The new key, with its secret shown this once.</summary>
    public sealed record CreatedApiKeyJson(int Id, string Name, string Scope, string Key);

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", List);
        keys.MapPost("/", Create).WithMetadata(RequestBodyLimit.Json).ProducesValidationProblem();
        keys.MapDelete("/{id:int}", Revoke).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Live keys only: a revoked key is gone for an integration, whatever the page still shows of it.</summary>
    private static async Task<Ok<ApiKeyListJson>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var keys = await mediator.Send(new ListApiKeys(user.WorkspaceIdOf()) { By = user.ActorOf() }, ct);
        return TypedResults.Ok(new ApiKeyListJson(keys.Where(k => k.RevokedAt is null)
            .Select(k => new ApiKeyJson(k.Id, k.Name, k.Scope.ToApi(), k.CreatedAt, k.LastUsedAt)).ToList()));
    }

    private static async Task<Created<CreatedApiKeyJson>> Create(CreateApiKeyBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var input = new ApiInput();
        var request = input.Checked(new CreateApiKey(user.WorkspaceIdOf(), body.Name, input.Required<ApiKeyScope>("scope", body.Scope)) { By = user.ActorOf() });
        var created = await mediator.Send(request, ct);
        return TypedResults.Created($"/api/v1/api-keys/{created.Id}", new CreatedApiKeyJson(created.Id, created.Name, created.Scope.ToApi(), created.Key));
    }

    private static async Task<NoContent> Revoke(int id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new RevokeApiKey(user.WorkspaceIdOf(), id) { By = user.ActorOf() }, ct);
        return TypedResults.NoContent();
    }
}
