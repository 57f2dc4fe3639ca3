using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.CannedResponses;
using Suppuo.Core.Tickets;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>
/// /api/v1/canned-responses (W23): every key reads them; creating, replacing and deleting them is for admins (Core
/// answers 403 otherwise), as they speak for the whole workspace.
/// </summary>
public static class CannedResponsesApi
{
    public sealed record CannedResponseBody(string? Shortcut, string? Text);

    public sealed record CannedResponseListJson(IReadOnlyList<CannedResponseDto> Items);

    public static RouteGroupBuilder MapCannedResponsesApi(this RouteGroupBuilder api)
    {
        var canned = api.MapGroup("/canned-responses").WithTags("Canned responses");
        canned.MapGet("/", List);
        canned.MapPost("/", Create).WithMetadata(RequestBodyLimit.Multipart)
            .Accepts<CannedResponseBody>("application/json", "multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        canned.MapPut("/{id:int}", Replace).WithMetadata(RequestBodyLimit.Multipart)
            .Accepts<CannedResponseBody>("application/json", "multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        canned.MapDelete("/{id:int}", Delete).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<CannedResponseListJson>> List(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(new CannedResponseListJson(await mediator.Send(new ListCannedResponses(user.WorkspaceIdOf()), ct)));

    private static async Task<Created<CannedResponseDto>> Create(HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var saved = await mediator.Send(await ReadAsync(request, user, id: null, ct), ct);
        return TypedResults.Created($"/api/v1/canned-responses/{saved.Id}", saved);
    }

    /// <summary>Replaces shortcut and text; multipart `files` replace its files, JSON keeps them.</summary>
    private static async Task<Ok<CannedResponseDto>> Replace(int id, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(await ReadAsync(request, user, id, ct), ct));

    private static async Task<NoContent> Delete(int id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteCannedResponse(user.WorkspaceIdOf(), id) { By = user.ActorOf() }, ct);
        return TypedResults.NoContent();
    }

    private static async Task<SaveCannedResponse> ReadAsync(HttpRequest request, ClaimsPrincipal user, int? id, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var files = form.Files.Select(f => new NewAttachment(f.FileName, f.ContentType, f.Length, f.OpenReadStream)).ToList();
            return new SaveCannedResponse(user.WorkspaceIdOf(), id, form["shortcut"].ToString(), form["text"].ToString(), id is null || files.Count > 0 ? files : null)
                { By = user.ActorOf() };
        }
        if (request.HasJsonContentType())
        {
            CannedResponseBody? body;
            try
            {
                body = await request.ReadFromJsonAsync<CannedResponseBody>(ct);
            }
            catch (System.Text.Json.JsonException json)
            {
                throw new BadHttpRequestException("The body cannot be read.", json);
            }
            return new SaveCannedResponse(user.WorkspaceIdOf(), id, body?.Shortcut, body?.Text) { By = user.ActorOf() };
        }
        throw new BadHttpRequestException("Send the canned response as application/json or multipart/form-data.", StatusCodes.Status415UnsupportedMediaType);
    }
}
