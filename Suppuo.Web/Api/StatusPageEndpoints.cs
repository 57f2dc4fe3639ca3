using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.StatusPage;

namespace Suppuo.Web.Api;

/// <summary>The files of the customer's status page, reachable with the status token alone (no sign-in).</summary>
public static class StatusPageEndpoints
{
    public static IEndpointRouteBuilder MapStatusPageFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/status/{token}/attachments/{id:int}", Download).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<FileStreamHttpResult> Download(string token, int id, IMediator mediator, HttpContext context, CancellationToken ct) =>
        AttachmentsApi.FileResultFor(await mediator.Send(new GetStatusAttachment(token, id), ct), context);
}
