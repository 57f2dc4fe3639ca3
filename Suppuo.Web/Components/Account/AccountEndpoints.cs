using Microsoft.AspNetCore.Identity;
using Suppuo.Core.Workspaces;

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
        return endpoints;
    }
}
