using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Suppuo.Core;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.Workspaces;
using Suppuo.Web.Api;
using Suppuo.Web.Components;
using Suppuo.Web.Components.Account;
using Suppuo.Web.Components.Layout;
using Suppuo.Web.Components.Status;
using Suppuo.Web.Live;

namespace Suppuo.Web.Hosting;

/// <summary>Builds the web host: Blazor UI, /api/v1, webhooks, health.</summary>
public static class SuppuoWebApp
{
    public const string ApiPolicy = "ApiKey";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddRootDevelopmentSettings(builder.Environment);
        var services = builder.Services;

        services.AddSuppuoCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<IPublicUrls, PublicUrls>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<ScopedSender>();
        services.AddSingleton<WorkspaceEvents>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Suppuo:Redis"]))
        {
            services.AddSingleton<RedisLiveEvents>();
            services.AddSingleton<ILiveEventRelay>(provider => provider.GetRequiredService<RedisLiveEvents>());
            services.AddHostedService(provider => provider.GetRequiredService<RedisLiveEvents>());
            services.AddSingleton<RedisPresenceRelay>();
            services.AddSingleton<IPresenceRelay>(provider => provider.GetRequiredService<RedisPresenceRelay>());
            services.AddHostedService(provider => provider.GetRequiredService<RedisPresenceRelay>());
        }
        services.AddSingleton<PresenceBoard>();
        services.AddHostedService<PresenceHeartbeat>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, PresenceCircuitHandler>();
        services.AddMediation(typeof(SuppuoWebApp).Assembly);
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<MediaDownloadWorker>();
        services.AddHostedService<EmailOutboxWorker>();
        services.AddHostedService<TwilioBackfillWorker>();
        services.AddHostedService<TicketSearchWorker>();
        services.AddHostedService<QueryStatisticsWorker>();
        services.AddHostedService<SnoozeWakeWorker>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/";
        });
        new IdentityBuilder(typeof(AppUser), services).AddSignInManager().AddClaimsPrincipalFactory<WorkspaceClaimsPrincipalFactory>();
        // The cookie re-checks the security stamp (and refreshes the role) this often: a removed or demoted user's
        // HTTP requests stop within a minute, instead of the default half hour.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(WorkspaceClaims.WorkspaceId)
                .RequireAssertion(authorization => ApiKeyAuthentication.ScopeAllows(authorization.User, authorization.Resource as HttpContext)))
            .AddPolicy(WorkspaceClaims.AdminPolicy, policy => policy.RequireRole(nameof(WorkspaceRole.Admin)));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<IdentityRedirectManager>();
        services.AddMudServices();
        services.AddSuppuoLocalization();
        // Rendering MudThemeProvider completes synchronously (no JS, no I/O): waiting on it here blocks nothing.
        services.AddSingleton(provider => ThemeStylesheet.RenderAsync(provider, SuppuoTheme.Theme).GetAwaiter().GetResult());

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            // Every problem carries a detail a person can act on, also those the framework writes itself.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                404 => $"There is no {context.HttpContext.Request.Method} {context.HttpContext.Request.Path} in this API.",
                405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                415 => "Send the body as application/json.",
                _ => "The request could not be handled.",
            });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Unreadable bodies reach ProblemExceptionHandler, which names the field, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = RequestBodyLimit.Multipart.Bytes);
        services.AddSuppuoRateLimits(builder.Configuration);
        services.AddKnownProxies(builder.Configuration);
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddSuppuoReadiness(builder.Configuration);
        services.AddSuppuoTelemetry(builder.Configuration);

        var app = builder.Build();

        app.UseKnownProxies(app.Configuration);
        // HSTS only outside Development, where https on localhost is a developer's choice; it is sent on https only.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseWhen(IsApiOrWebhook, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApiOrWebhook(context), ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSuppuoLocalization();
        app.UseRequestBodyLimits();
        app.UseSuppuoRateLimits();
        app.UseStatusTokenGate();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server =>
        {
            // Circuits' WebSockets uncompressed: a compressed one keeps zlib's state for its whole life, ≈ 270 KiB of
            // native memory per open inbox (bench: circuits).
            server.ConfigureWebSocketAcceptContext = (_, accept) =>
            {
                accept.DangerousEnableCompression = false;
                return Task.CompletedTask;
            };
            // Pages get their whole policy, frame-ancestors included, from SecurityHeaders: one header, not two.
            server.ContentSecurityFrameAncestorsPolicy = null;
        });
        app.MapGet(ThemeStylesheet.Path, (ThemeStylesheet theme, HttpContext context) =>
        {
            // The page links the stylesheet with its content hash: a changed theme is a new address.
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(theme.Css, "text/css");
        }).ExcludeFromDescription();
        app.MapAccountEndpoints();

        app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden) // a key whose scope does not cover the request (W26)
            .MapTicketsApi()
            .MapAttachmentsApi()
            .MapMessagesApi()
            .MapChannelsApi()
            .MapSettingsApi()
            .MapCannedResponsesApi()
            .MapApiKeysApi()
            .MapAgentsApi();
        app.MapTwilioWebhooks();
        app.MapMetaWebhooks();
        app.MapAgentAttachments();
        app.MapStatusPageFiles();

        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("Suppuo API"));
        app.MapSuppuoReadiness();
        app.MapSuppuoMetrics();
        return app;
    }

    /// <summary>Applies migrations and, when Suppuo:Demo:Enabled, seeds the demo workspace. Runs before the server listens.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await SuppuoDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<SuppuoDbContext>());
        if (app.Services.GetRequiredService<IOptions<SuppuoOptions>>().Value.Demo.Enabled)
            await DemoSeed.EnsureAsync(scope.ServiceProvider);
    }

    private static bool IsApiOrWebhook(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(WebhookRoutes.Root);
}
