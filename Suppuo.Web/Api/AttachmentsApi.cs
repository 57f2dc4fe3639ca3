using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Suppuo.Core.Attachments;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

public static class AttachmentsApi
{
    /// <summary>Types a browser may show inline without running anything; everything else downloads.</summary>
    private static readonly HashSet<string> InlineSafe = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp",
        "audio/ogg", "audio/mpeg", "audio/aac", "audio/mp4", "audio/amr",
        "video/mp4", "video/3gpp",
    };

    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/attachments/{id:int}", Download).WithTags("Attachments").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The same files for signed-in agents in the browser (cookie), e.g. image previews in the ticket view.</summary>
    public static IEndpointRouteBuilder MapAgentAttachments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/attachments/{id:int}", Download).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<FileStreamHttpResult> Download(int id, ClaimsPrincipal user, IMediator mediator, HttpContext context, CancellationToken ct)
    {
        var file = await mediator.Send(new GetAttachment(user.WorkspaceIdOf(), id), ct);
        return FileResultFor(file, context);
    }

    /// <summary>Serves stored bytes so that no upload can run as a page of ours (no sniffing; HTML never inline).</summary>
    internal static FileStreamHttpResult FileResultFor(AttachmentFile file, HttpContext context)
    {
        var contentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var parsed) ? parsed.MediaType.ToString() : "application/octet-stream";
        var inline = InlineSafe.Contains(contentType);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        if (inline)
        {
            context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = file.FileName }.ToString();
            return TypedResults.Stream(file.Content, contentType);
        }
        return TypedResults.Stream(file.Content, contentType, fileDownloadName: file.FileName);
    }
}
