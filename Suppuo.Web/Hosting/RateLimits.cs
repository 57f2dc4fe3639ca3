using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Suppuo.Web.Hosting;

/// <summary>
/// The "Suppuo:RateLimits" section (W26): what anyone on the internet may try how often. Each limit is a fixed window
/// of <see cref="Limit.PermitLimit"/> requests per <see cref="Limit.Window"/>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Suppuo:RateLimits";

    /// <summary>False switches every limit off (e.g. behind a proxy that limits already).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in posts per (client address, account email): one guessed account is slowed, an office behind one address is not.</summary>
    public Limit SignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Sign-up posts per client address.</summary>
    public Limit Signup { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>Status-page posts (replies, uploads, ratings) per (status token, client address).</summary>
    public Limit StatusPage { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Webhook requests that fail their signature check, per client address; correctly signed ones are never counted.</summary>
    public Limit WebhookSignatureFailures { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    public sealed class Limit
    {
        public int PermitLimit { get; set; }
        public TimeSpan Window { get; set; }

        internal FixedWindowRateLimiterOptions ToFixedWindow() =>
            new() { PermitLimit = Math.Max(1, PermitLimit), Window = Window > TimeSpan.Zero ? Window : TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
    }
}

/// <summary>
/// The rate limits of W26 over ASP.NET Core's rate limiter. Pages opt in with <c>[EnableRateLimiting(RateLimits.…)]</c>;
/// only their posts count, so reading a page is never limited.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Signup = "sign-up";
    public const string StatusPage = "status-page";

    /// <summary>The sign-in form's email field, as the Identity login page posts it.</summary>
    private const string SignInEmailField = "Input.Email";

    public static IServiceCollection AddSuppuoRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<WebhookSignatureFailures>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, ct) => new ValueTask(Reject(context.HttpContext, context.Lease));
            options.AddPolicy(SignIn, context => PostsOnly(context, limits => limits.SignIn,
                () => $"{ClientAddress(context)}|{(context.Items[SignInEmailField] as string)?.Trim().ToUpperInvariant()}"));
            options.AddPolicy(Signup, context => PostsOnly(context, limits => limits.Signup, () => ClientAddress(context)));
            options.AddPolicy(StatusPage, context => PostsOnly(context, limits => limits.StatusPage,
                () => $"{context.GetRouteValue("Token")}|{ClientAddress(context)}"));
        });
        return services;
    }

    /// <summary>
    /// The rate limiter, after reading the posted sign-in email: the policy partitions on it, and partitioning cannot
    /// wait for the body. The form stays buffered for the page and antiforgery, which read it anyway.
    /// </summary>
    public static IApplicationBuilder UseSuppuoRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
                && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignIn)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                context.Items[SignInEmailField] = form[SignInEmailField].ToString();
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>
    /// The client's address as a partition key. An IPv6 client is its /64: one subscriber's line or phone holds the
    /// whole /64, so counting single addresses would let it rotate freely.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Answers 429 with Retry-After: a ProblemDetails body for clients, a readable page for a person's browser.</summary>
    internal static async Task Reject(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var when = seconds < 120 ? $"{seconds} seconds" : $"{Math.Ceiling(seconds / 60.0):0} minutes";
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = $"Too many attempts from your connection. Please wait {when} and try again.";
        if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Please wait</title></head><body style=\"font-family:system-ui,sans-serif;padding:16px\">"
                + $"<h1>Please wait a moment</h1><p>{WebUtility.HtmlEncode(detail)}</p></body></html>", context.RequestAborted);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail).ExecuteAsync(context);
    }

    private static RateLimitPartition<string> PostsOnly(HttpContext context, Func<RateLimitOptions, RateLimitOptions.Limit> pick, Func<string> key)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!limits.Enabled || !HttpMethods.IsPost(context.Request.Method))
            return RateLimitPartition.GetNoLimiter("");
        var limit = pick(limits);
        return RateLimitPartition.GetFixedWindowLimiter(key(), _ => limit.ToFixedWindow());
    }
}

/// <summary>
/// Counts webhook requests whose signature check failed, per client address (W26). The rate-limiting middleware runs
/// before the check and so cannot tell a forger from the provider: the webhook endpoints count here after the check,
/// and correctly signed traffic from the same address is never limited.
/// </summary>
public sealed class WebhookSignatureFailures(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => options.Value.WebhookSignatureFailures.ToFixedWindow()));

    /// <summary>The answer to a request that failed its signature check: 403, or 429 once this address failed too often.</summary>
    public async Task<IResult> RefuseAsync(HttpContext context, Core.WhatsApp.WebhookSignatureException forged)
    {
        if (options.Value.Enabled)
        {
            using var lease = _limiter.AttemptAcquire(RateLimits.ClientAddress(context));
            if (!lease.IsAcquired)
            {
                await RateLimits.Reject(context, lease);
                return Results.Empty;
            }
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: forged.Message);
    }

    public void Dispose() => _limiter.Dispose();
}
