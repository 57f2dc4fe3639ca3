using System.Security.Claims;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/tickets and a ticket's messages (docs/contract.md, "/api/v1").</summary>
public static class TicketsApi
{
    public sealed record CreateTicketBody(string? Subject, string? Body, string? Channel, string? RequesterName, string? RequesterEmail, string? RequesterPhone, int? ConnectionId = null);

    public sealed record PostMessageBody(string? Body, bool Internal);

    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", List).ProducesValidationProblem();
        tickets.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/", Create).WithMetadata(RequestBodyLimit.Json).ProducesValidationProblem();
        tickets.MapPatch("/{id:int}", Update).WithMetadata(RequestBodyLimit.Json)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:int}/messages", PostMessage).WithMetadata(RequestBodyLimit.Multipart)
            .Accepts<PostMessageBody>("application/json", "multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<Ok<TicketPageJson>> List(
        ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct,
        string? status = null, string? channel = null, string? requesterPhone = null, int? limit = null, string? cursor = null,
        int? connectionId = null)
    {
        var input = new ApiInput();
        var query = input.Checked(new ListTickets(user.WorkspaceIdOf(),
            input.Optional<TicketStatus>("status", status), input.Optional<TicketChannel>("channel", channel), requesterPhone, limit, cursor, connectionId));
        return TypedResults.Ok((await mediator.Send(query, ct)).ToJson(links));
    }

    private static async Task<Ok<TicketJson>> Get(int id, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct) =>
        TypedResults.Ok((await mediator.Send(new GetTicket(user.WorkspaceIdOf(), id), ct)).ToJson(links));

    private static async Task<Created<TicketJson>> Create(CreateTicketBody body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        var input = new ApiInput();
        var ticket = await mediator.Send(input.Checked(new CreateTicket(user.WorkspaceIdOf(), body.Subject, body.Body,
            input.Required<TicketChannel>("channel", body.Channel), body.RequesterName, body.RequesterEmail, body.RequesterPhone, body.ConnectionId)), ct);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", ticket.ToJson(links));
    }

    /// <summary>PATCH semantics: an absent field is unchanged, and `assigneeId: null` unassigns.</summary>
    private static async Task<Ok<TicketJson>> Update(int id, JsonElement body, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new ValidationFailedException("body", "Must be a JSON object such as { \"status\": \"resolved\" }.");
        var statusText = OptionalString(body, "status", out _);
        var assigneeId = OptionalString(body, "assigneeId", out var setAssignee);
        int? connectionId = null;
        if (body.TryGetProperty("connectionId", out var connection))
            connectionId = connection.ValueKind == JsonValueKind.Number && connection.TryGetInt32(out var value) ? value
                : throw new ValidationFailedException("connectionId", "Must be the id of one of the workspace's connected numbers (GET /api/v1/channels).");
        if (body.TryGetProperty("status", out var statusValue) && statusValue.ValueKind == JsonValueKind.Null)
            throw new ValidationFailedException("status", $"Cannot be null: use one of {ApiEnum.Allowed<TicketStatus>()}.");
        var snoozeText = OptionalString(body, "snoozedUntil", out var setSnooze);
        var input = new ApiInput();
        var status = input.Optional<TicketStatus>("status", statusText);
        input.ThrowIfAny();
        return TypedResults.Ok((await mediator.Send(new UpdateTicket(user.WorkspaceIdOf(), id, status, setAssignee, assigneeId, connectionId,
            setSnooze, SnoozeOf(snoozeText)), ct)).ToJson(links));
    }

    private static async Task<Created<MessageJson>> PostMessage(int id, HttpRequest request, ClaimsPrincipal user, IMediator mediator, PublicLinks links, CancellationToken ct)
    {
        PostMessage command;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var isInternal = form["internal"].ToString() switch
            {
                "" or "false" or "False" => false,
                "true" or "True" => true,
                var other => throw new ValidationFailedException("internal", $"Must be true or false (got '{other}')."),
            };
            var files = form.Files.Select(f => new NewAttachment(f.FileName, f.ContentType, f.Length, f.OpenReadStream)).ToList();
            command = new PostMessage(user.WorkspaceIdOf(), id, form["body"].ToString(), isInternal, Files: files);
        }
        else if (request.HasJsonContentType())
        {
            var body = await ReadJson<PostMessageBody>(request, ct);
            command = new PostMessage(user.WorkspaceIdOf(), id, body.Body, body.Internal);
        }
        else
        {
            throw new BadHttpRequestException("Send the message as application/json or multipart/form-data.", StatusCodes.Status415UnsupportedMediaType);
        }
        var message = await mediator.Send(command, ct);
        return TypedResults.Created($"/api/v1/tickets/{id}", message.ToJson(links));
    }

    private static async Task<T> ReadJson<T>(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ct) ?? throw new ValidationFailedException("body", "Must be a JSON object.");
        }
        catch (JsonException json)
        {
            throw new BadHttpRequestException("The body cannot be read.", json);
        }
    }

    /// <summary>W23: "customer-reply", or an ISO 8601 time with its offset.</summary>
    private static DateTime? SnoozeOf(string? text) => text switch
    {
        null => null,
        "customer-reply" => Ticket.UntilCustomerReplies,
        _ when DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.EndsWith("z") || text.LastIndexOfAny(['+', '-']) > 10) => at.UtcDateTime,
        _ => throw new ValidationFailedException("snoozedUntil", $"Must be \"customer-reply\", null, or a time with its offset such as \"2026-12-04T09:00:00+07:00\" (got '{text}')."),
    };

    private static string? OptionalString(JsonElement body, string name, out bool present) => JsonFields.OptionalString(body, name, out present);
}
