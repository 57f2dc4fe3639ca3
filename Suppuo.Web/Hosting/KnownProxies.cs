using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Suppuo.Web.Hosting;

/// <summary>
/// X-Forwarded-For/-Proto are applied only from the proxies named in Suppuo:ForwardedHeaders:KnownProxies (W26): behind
/// a TLS proxy the request is https (so cookies are Secure) and the client address is the real one (so rate limits
/// count the right client). From anyone else the headers are ignored: any client could send them.
/// </summary>
public static class KnownProxies
{
    public const string Key = "Suppuo:ForwardedHeaders:KnownProxies";

    /// <summary>The configured proxies: one comma-separated value or an array; an entry may be an address or a network (10.0.0.0/8).</summary>
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
    }

    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = From(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what the operator named is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // Walk X-Forwarded-For from the right through every known proxy, so a chain (CDN, then load balancer) works.
            options.ForwardLimit = null;
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the real scheme and client.</summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        From(configuration).Count == 0 ? app : app.UseForwardedHeaders();
}
