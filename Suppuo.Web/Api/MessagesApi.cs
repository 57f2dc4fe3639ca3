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
        return api;
    }

    /// <summary>W11: a failed WhatsApp delivery goes back to the outbox; anything else is a 409.</summary>
    private static async Task<Accepted<DeliveryJson>> Retry(int id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, (await mediator.Send(new RetryDelivery(user.WorkspaceIdOf(), id), ct)).ToJson());
}
