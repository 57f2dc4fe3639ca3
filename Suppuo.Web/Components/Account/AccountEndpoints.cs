using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Suppuo.Core.Workspaces;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Components.Account;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with the antiforgery token Blazor adds), so no other site can sign our users out.
        endpoints.MapPost("/account/logout", async (SignInManager<AppUser> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });
        // W24: the agent's own language ("" = the workspace's). A form post and a redirect: the page loads anew, and
        // its new circuit speaks the new language (a circuit keeps the culture it started with).
        endpoints.MapPost("/account/language", async (HttpContext context, IMediator mediator, IMemoryCache cache,
            [Microsoft.AspNetCore.Mvc.FromForm] string? language, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            await mediator.Send(new SetAgentLanguage(userId, language), context.RequestAborted);
            cache.ForgetAgentLanguage(userId);
            return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? "~" + returnUrl : "~/");
        }).RequireAuthorization();
        return endpoints;
    }
}
