using System.Security.Claims;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Common;
using Suppuo.Core.WhatsApp;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/channels: the workspace's WhatsApp connections (W1, W2).</summary>
public static class ChannelsApi
{
    public sealed record TwilioChannelBody(string? AccountSid, string? AuthToken, string? PhoneNumber, string? Label = null);

    public sealed record CloudChannelBody(string? PhoneNumberId, string? AccessToken, string? AppSecret, string? Label = null);

    /// <summary>PUT takes the fields of whichever provider the connection uses.</summary>
    public sealed record ChannelBody(string? AccountSid, string? AuthToken, string? PhoneNumber, string? PhoneNumberId, string? AccessToken, string? AppSecret);

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels").WithTags("Channels");
        channels.MapGet("/", List);
        channels.MapPost("/whatsapp/twilio", ConnectTwilio).WithMetadata(RequestBodyLimit.Json).ProducesProviderProblems();
        channels.MapPost("/whatsapp/cloud", ConnectCloud).WithMetadata(RequestBodyLimit.Json).ProducesProviderProblems();
        channels.MapPut("/{id:int}", Update).WithMetadata(RequestBodyLimit.Json).ProducesProviderProblems().ProducesProblem(StatusCodes.Status404NotFound);
        channels.MapPatch("/{id:int}", Edit).WithMetadata(RequestBodyLimit.Json)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        channels.MapDelete("/{id:int}", Disconnect).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Connect and update check the details with the provider first (docs/contract.md: 400, 409, 422, and 503 when it cannot be reached).</summary>
    private static RouteHandlerBuilder ProducesProviderProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Connected numbers; `?include=disconnected` adds the disconnected ones (W19).</summary>
    private static async Task<Ok<List<ConnectionJson>>> List(ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct, string? include = null)
    {
        if (include is not (null or "disconnected"))
            throw new ValidationFailedException("include", $"Unknown include '{include}': the one value is 'disconnected'.");
        return TypedResults.Ok((await mediator.Send(new ListChannels(user.WorkspaceIdOf(), include == "disconnected"), ct)).Select(c => c.ToJson(links)).ToList());
    }

    private static async Task<Created<ConnectionJson>> ConnectTwilio(TwilioChannelBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        var connection = await mediator.Send(new ConnectTwilio(user.WorkspaceIdOf(), body.AccountSid, body.AuthToken, body.PhoneNumber, body.Label) { By = user.ActorOf() }, ct);
        return TypedResults.Created($"/api/v1/channels/{connection.Id}", connection.ToJson(links));
    }

    private static async Task<Created<ConnectionJson>> ConnectCloud(CloudChannelBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        var connection = await mediator.Send(new ConnectCloud(user.WorkspaceIdOf(), body.PhoneNumberId, body.AccessToken, body.AppSecret, body.Label) { By = user.ActorOf() }, ct);
        return TypedResults.Created($"/api/v1/channels/{connection.Id}", connection.ToJson(links));
    }

    private static async Task<Ok<ConnectionJson>> Update(int id, ChannelBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct) =>
        TypedResults.Ok((await mediator.Send(new UpdateChannel(user.WorkspaceIdOf(), id,
            body.AccountSid, body.AuthToken, body.PhoneNumber, body.PhoneNumberId, body.AccessToken, body.AppSecret) { By = user.ActorOf() }, ct)).ToJson(links));

    /// <summary>PATCH semantics: an absent field is unchanged, and `defaultAssigneeId: null` clears it.</summary>
    private static async Task<Ok<ConnectionJson>> Edit(int id, JsonElement body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new ValidationFailedException("body", "Must be a JSON object such as { \"label\": \"Sales\" }.");
        var label = JsonFields.OptionalString(body, "label", out _);
        var defaultAssigneeId = JsonFields.OptionalString(body, "defaultAssigneeId", out var setAssignee);
        bool? isDefault = null;
        if (body.TryGetProperty("isDefault", out var flag))
            isDefault = flag.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ValidationFailedException("isDefault", "Must be true (to make this the default number)."),
            };
        return TypedResults.Ok((await mediator.Send(new EditChannel(user.WorkspaceIdOf(), id, label, isDefault, setAssignee, defaultAssigneeId) { By = user.ActorOf() }, ct)).ToJson(links));
    }

    private static async Task<NoContent> Disconnect(int id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DisconnectChannel(user.WorkspaceIdOf(), id) { By = user.ActorOf() }, ct);
        return TypedResults.NoContent();
    }
}
