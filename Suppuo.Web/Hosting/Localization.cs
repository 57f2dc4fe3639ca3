using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Caching.Memory;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W24: which language a request — and so the circuit it opens — speaks. A signed-in agent: their own choice, else the
/// workspace's, whatever the browser asks for. Anyone else (sign-in, sign-up): the browser's language when we have it.
/// Customer-facing pages and mails do not use this: they speak their workspace's language explicitly.
/// </summary>
public static class Localization
{
    public static IServiceCollection AddSuppuoLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddMemoryCache();
        services.AddTransient<MudBlazor.MudLocalizer, SuppuoMudLocalizer>();
        services.AddScoped<WorkspaceTime>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The browser's regional variant ("id-ID", "en-US") counts as the language we have.
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = [new AgentLanguageProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>After authentication: the agent's language comes from who they are. The circuit keeps the culture of its connect request.</summary>
    public static IApplicationBuilder UseSuppuoLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>Forgets an agent's cached language, after they or an admin changed it, so their next page speaks the new one.</summary>
    public static void ForgetAgentLanguage(this IMemoryCache cache, string userId) => cache.Remove(CacheKey(userId));

    private static string CacheKey(string userId) => "agent-language:" + userId;

    private sealed class AgentLanguageProvider : RequestCultureProvider
    {
        // Every page load and circuit start asks; the answer changes only when someone changes a setting.
        private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (httpContext.User.FindFirstValue(WorkspaceClaims.ScopeClaim) is not null
                || httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
                return null;

            var cache = httpContext.RequestServices.GetRequiredService<IMemoryCache>();
            var language = await cache.GetOrCreateAsync(CacheKey(userId), entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = CacheFor;
                return httpContext.RequestServices.GetRequiredService<IMediator>().Send(new GetAgentLanguage(userId), httpContext.RequestAborted);
            });
            return Languages.IsSupported(language) ? new ProviderCultureResult(language) : null;
        }
    }
}
