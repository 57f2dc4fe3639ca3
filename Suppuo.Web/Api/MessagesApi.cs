using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/messages: what is done to one message (docs/contract.md, "/api/v1").</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages");
        messages.MapPost("/{id:int}/retry", Retry).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        messages.MapPost("/{id:int}/reactions", React).WithMetadata(RequestBodyLimit.Json)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record ReactionBody(string? Emoji);

    /// <summary>W22: the business reacts to a customer's message (Cloud API only; a Twilio number is a 409 saying why); `""` removes.</summary>
    private static async Task<Accepted> React(int id, ReactionBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        if (body.Emoji is null)
            throw new Suppuo.Core.Common.ValidationFailedException("emoji", "Is required: the emoji to react with, or \"\" to remove the reaction.");
        await mediator.Send(new Suppuo.Core.WhatsApp.ReactToMessage(user.WorkspaceIdOf(), id, user.FindFirstValue(ClaimTypes.NameIdentifier), body.Emoji), ct);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>W11: a failed WhatsApp delivery goes back to the outbox; anything else is a 409.</summary>
    private static async Task<Accepted<DeliveryJson>> Retry(int id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, (await mediator.Send(new RetryDelivery(user.WorkspaceIdOf(), id), ct)).ToJson());
}
