using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Workspaces;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/agents: the ids that a ticket's `assigneeId` and a number's `defaultAssigneeId` take.</summary>
public static class AgentsApi
{
    public sealed record AgentJson(string Id, string DisplayName, string Email, string Role);

    public sealed record AgentListJson(IReadOnlyList<AgentJson> Items);

    public static RouteGroupBuilder MapAgentsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/agents").WithTags("Agents").MapGet("/", List);
        return api;
    }

    private static async Task<Ok<AgentListJson>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(new AgentListJson((await mediator.Send(new ListAgents(user.WorkspaceIdOf()), ct))
            .Select(a => new AgentJson(a.Id, a.DisplayName, a.Email, a.Role.ToApi())).ToList()));
}
