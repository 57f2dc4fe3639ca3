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
}

public static class RequestBodyLimits
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is { } limit)
        {
            if (context.Request.ContentLength > limit.Bytes)
            {
                await Results.Problem(statusCode: 400, title: "Request body too large",
                    detail: $"The body is {context.Request.ContentLength:N0} bytes; this endpoint takes at most {limit.Bytes:N0}.").ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit.Bytes;
        }
        await next(context);
    });
}
