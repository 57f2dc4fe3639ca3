using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Automation;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/settings: the workspace's auto-reply (docs/contract.md, "/api/v1/settings/auto-reply").</summary>
public static class SettingsApi
{
    public sealed record AutoReplyBody(bool? Enabled, string? Text);

    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/auto-reply", Get);
        settings.MapPut("/auto-reply", Put).WithMetadata(RequestBodyLimit.Json).ProducesValidationProblem();
        return api;
    }

    private static async Task<Ok<AutoReplyDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetAutoReply(user.WorkspaceIdOf()), ct));

    private static async Task<Ok<AutoReplyDto>> Put(AutoReplyBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new UpdateAutoReply(user.WorkspaceIdOf(), body.Enabled, body.Text) { By = user.ActorOf() }, ct));
}
