using System.Security.Cryptography;

namespace Suppuo.Web.Hosting;

/// <summary>
/// Response headers that keep pages safe in a browser (W26): a Content-Security-Policy on every HTML page, nosniff and a
/// Referrer-Policy on everything. The customer's status page carries its secret token in the URL, so it sends no
/// referrer at all and may not be framed by anyone.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Suppuo.CspNonce";

    /// <summary>
    /// Blazor Server needs its own scripts ('self') and its circuit's WebSocket (ws:/wss:); MudBlazor sets inline styles.
    /// The one inline script, the import map, carries the per-request nonce. Attachments are same-origin files (img, media).
    /// </summary>
    private static string PagePolicy(string? nonce, string frameAncestors) =>
        "default-src 'self'; "
        + $"script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; "
        + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        + $"frame-ancestors {frameAncestors}";

    /// <summary>The nonce for this request's inline scripts (App.razor's import map); made on first use.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
            // Hex, not base64: the same characters in the header and in the page, where Razor writes a "+" as an entity.
            context.Items[NonceKey] = nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        // The page, its files and its 404 alike: every address under /status/ holds the token.
        var statusPage = context.Request.Path.StartsWithSegments("/status");
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = statusPage ? "no-referrer" : "strict-origin-when-cross-origin";
        // Files (attachments) set their own sandbox policy; only pages get the page policy.
        var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        if (!html || headers.ContentSecurityPolicy.Count > 0)
            return;
        headers.ContentSecurityPolicy = PagePolicy(context.Items[NonceKey] as string, statusPage ? "'none'" : "'self'");
        if (statusPage)
            headers.XFrameOptions = "DENY";
    }
}
