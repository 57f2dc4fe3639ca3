using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.WhatsApp;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/channels: the workspace's WhatsApp connections (W1, W2).</summary>
public static class ChannelsApi
{
    public sealed record TwilioChannelBody(string? AccountSid, string? AuthToken, string? PhoneNumber);

    public sealed record CloudChannelBody(string? PhoneNumberId, string? AccessToken, string? AppSecret);

    /// <summary>PUT takes the fields of whichever provider the connection uses.</summary>
    public sealed record ChannelBody(string? AccountSid, string? AuthToken, string? PhoneNumber, string? PhoneNumberId, string? AccessToken, string? AppSecret);

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Channels");
        channels.MapGet("/", List);
        channels.MapPost("/whatsapp/twilio", ConnectTwilio).WithMetadata(RequestBodyLimit.Json).ProducesProviderProblems();
        channels.MapPost("/whatsapp/cloud", ConnectCloud).WithMetadata(RequestBodyLimit.Json).ProducesProviderProblems();
        channels.MapPut("/{id:int}", Update).WithMetadata(RequestBodyLimit.Json).ProducesProviderProblems().ProducesProblem(StatusCodes.Status404NotFound);
        channels.MapDelete("/{id:int}", Disconnect).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Connect and update check the details with the provider first (docs/contract.md: 400, 409, 422, and 503 when it cannot be reached).</summary>
    private static RouteHandlerBuilder ProducesProviderProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Ok<List<ConnectionJson>>> List(ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct) =>
        TypedResults.Ok((await mediator.Send(new ListChannels(user.WorkspaceIdOf()), ct)).Select(c => c.ToJson(links)).ToList());

    private static async Task<Created<ConnectionJson>> ConnectTwilio(TwilioChannelBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        var connection = await mediator.Send(new ConnectTwilio(user.WorkspaceIdOf(), body.AccountSid, body.AuthToken, body.PhoneNumber) { By = user.ActorOf() }, ct);
        return TypedResults.Created($"/api/v1/channels/{connection.Id}", connection.ToJson(links));
    }

    private static async Task<Created<ConnectionJson>> ConnectCloud(CloudChannelBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        var connection = await mediator.Send(new ConnectCloud(user.WorkspaceIdOf(), body.PhoneNumberId, body.AccessToken, body.AppSecret) { By = user.ActorOf() }, ct);
        return TypedResults.Created($"/api/v1/channels/{connection.Id}", connection.ToJson(links));
    }

    private static async Task<Ok<ConnectionJson>> Update(int id, ChannelBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct) =>
        TypedResults.Ok((await mediator.Send(new UpdateChannel(user.WorkspaceIdOf(), id,
            body.AccountSid, body.AuthToken, body.PhoneNumber, body.PhoneNumberId, body.AccessToken, body.AppSecret) { By = user.ActorOf() }, ct)).ToJson(links));

    private static async Task<NoContent> Disconnect(int id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DisconnectChannel(user.WorkspaceIdOf(), id) { By = user.ActorOf() }, ct);
        return TypedResults.NoContent();
    }
}
