namespace Suppuo.Web.Api;

/// <summary>
/// Endpoint metadata for the largest body an endpoint reads. Checked before binding, so an oversized request is
/// refused with a 400 problem instead of being read into memory.
/// </summary>
public sealed record RequestBodyLimit(long Bytes)
{
    public static readonly RequestBodyLimit Json = new(1024 * 1024);
    public static readonly RequestBodyLimit Multipart = new(Suppuo.Core.Tickets.PostMessage.MaxFiles * Suppuo.Core.Tickets.PostMessage.MaxFileBytes + 1024 * 1024);
    public static readonly RequestBodyLimit Webhook = new(256 * 1024);

    /// <summary>The customer's status-page form: one file of at most PostCustomerReply.MaxFileBytes, plus the text and hidden fields.</summary>
    public const long StatusPageForm = Suppuo.Core.StatusPage.PostCustomerReply.MaxFileBytes + 512 * 1024;
}

/// <summary>The body limit of a page (a Razor component endpoint), where endpoint metadata is given as an attribute.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestBodyLimitAttribute(long bytes) : Attribute
{
    public RequestBodyLimit Limit { get; } = new(bytes);
}

public static class RequestBodyLimits
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if ((metadata?.GetMetadata<RequestBodyLimit>() ?? metadata?.GetMetadata<RequestBodyLimitAttribute>()?.Limit) is { } limit)
        {
            // Set first: a body sent without a length stops being read at the limit, and Kestrel stops draining an
            // unread oversized body there too instead of reading it all after the refusal.
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit.Bytes;
            if (context.Request.ContentLength > limit.Bytes)
            {
                // Refused from the declared length alone, before a byte of the body is read.
                if (metadata?.GetMetadata<RequestBodyLimitAttribute>() is not null)
                {
                    await TooLargePage(context);
                    return;
                }
                await Results.Problem(statusCode: 400, title: "Request body too large",
                    detail: $"The body is {context.Request.ContentLength:N0} bytes; this endpoint takes at most {limit.Bytes:N0}.").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    /// <summary>
    /// A page's form (the customer's status page) is answered with a page a person can read, in the language of the
    /// workspace the status link belongs to (W24).
    /// </summary>
    private static async Task TooLargePage(HttpContext context)
    {
        var language = await context.RequestServices.GetRequiredService<MediatR.IMediator>()
            .Send(new Suppuo.Core.StatusPage.GetStatusPageLanguage(context.GetRouteValue("Token") as string), context.RequestAborted);
        var words = Suppuo.Core.Common.CustomerText.For(language);
        var title = System.Net.WebUtility.HtmlEncode(words.TooLargeTitle);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{words.Language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{title}</title></head><body style=\"font-family:system-ui,sans-serif;padding:16px\"><h1>{title}</h1>"
            + $"<p>{System.Net.WebUtility.HtmlEncode(words.TooLargeBody(Suppuo.Core.StatusPage.PostCustomerReply.MaxFileBytes / 1024 / 1024))}</p></body></html>",
            context.RequestAborted);
    }
}
