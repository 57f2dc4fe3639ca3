using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Suppuo.Core.Common;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Web.Hosting;

/// <summary>The one place where Core's exceptions and unreadable requests become RFC 7807 answers.</summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        IResult? result = exception switch
        {
            ValidationFailedException invalid => TypedResults.ValidationProblem(
                invalid.Errors.ToDictionary(e => e.Key, e => e.Value), detail: invalid.Message, title: "The request is not valid"),
            NotFoundException notFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: notFound.Message),
            ForbiddenException forbidden => TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: forbidden.Message),
            ConflictException conflict => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: conflict.Message),
            ProviderRejectedException rejected => TypedResults.Problem(statusCode: 422, title: "The provider refused these details", detail: rejected.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [rejected.Field] = [rejected.Message] } }),
            ProviderUnavailableException unavailable => TypedResults.Problem(statusCode: 503, title: "The provider could not be reached", detail: unavailable.Message),
            WebhookSignatureException forged => TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: forged.Message),
            BadHttpRequestException { InnerException: JsonException json } => Unreadable(json),
            // Its own status (415 …), except "too large", which the contract answers as 400 like any other invalid input.
            BadHttpRequestException bad => TypedResults.Problem(statusCode: bad.StatusCode == 413 ? 400 : bad.StatusCode, title: "Bad request", detail: bad.Message),
            InvalidDataException multipart => TypedResults.Problem(statusCode: 400, title: "Bad request", detail: "The form body cannot be read: " + multipart.Message),
            _ => null,
        };
        if (result is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            return false;
        }
        await result.ExecuteAsync(context);
        return true;
    }

    /// <summary>Malformed JSON, or a value of the wrong type: name the field the reader stopped at.</summary>
    internal static IResult Unreadable(JsonException json)
    {
        var field = JsonField(json.Path);
        var detail = field is null
            ? "The body is not valid JSON" + (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine})." : ".")
            : $"'{field}' {Problem(json.Message)}";
        return field is null
            ? TypedResults.Problem(statusCode: 400, title: "Bad request", detail: detail)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, detail: detail, title: "The request is not valid");
    }

    private static string Problem(string message)
    {
        if (!message.Contains("could not be converted to", StringComparison.Ordinal))
            return "cannot be read: " + message.Split(" Path:")[0];
        return message switch
        {
            _ when message.Contains("System.String", StringComparison.Ordinal) => "must be a string.",
            _ when message.Contains("System.Boolean", StringComparison.Ordinal) => "must be true or false.",
            _ when message.Contains("System.Int", StringComparison.Ordinal) => "must be a whole number.",
            _ => "has a value of the wrong type.",
        };
    }

    private static string? JsonField(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
