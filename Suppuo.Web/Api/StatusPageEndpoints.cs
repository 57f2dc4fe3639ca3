using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Attachments;
using Suppuo.Core.StatusPage;

namespace Suppuo.Web.Api;

/// <summary>Files reachable without sign-in: the customer's status page (with its token) and signed media links (W14).</summary>
public static class StatusPageEndpoints
{
    public static IEndpointRouteBuilder MapStatusPageFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/status/{token}/attachments/{id:int}", Download).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(MediaLinks.PathPrefix + "{token}", DownloadLinked).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>W14: an agent's file behind a signed, expiring link, for Twilio to fetch and send to the customer.</summary>
    private static async Task<FileStreamHttpResult> DownloadLinked(string token, IMediator mediator, HttpContext context, CancellationToken ct) =>
        AttachmentsApi.FileResultFor(await mediator.Send(new GetLinkedMedia(token), ct), context);

    private static async Task<FileStreamHttpResult> Download(string token, int id, IMediator mediator, HttpContext context, CancellationToken ct) =>
        AttachmentsApi.FileResultFor(await mediator.Send(new GetStatusAttachment(token, id), ct), context);
}
