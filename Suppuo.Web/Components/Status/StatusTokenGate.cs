using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Localization;
using Suppuo.Core.StatusPage;

namespace Suppuo.Web.Components.Status;

/// <summary>Marks a page whose {Token} route value must open a ticket; see <see cref="StatusTokenGate"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresStatusTokenAttribute : Attribute;

/// <summary>
/// Answers an unknown status link with a plain 404 before the page renders. A statically rendered component that sets
/// 404 itself hangs the request together with the status-code re-execution of the UI (seen on .NET 10), and the
/// customer must not land on the agents' "not found" page either. A known link's page speaks its workspace's language.
/// </summary>
public static class StatusTokenGate
{
    public static IApplicationBuilder UseStatusTokenGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresStatusTokenAttribute>() is not null)
        {
            var token = context.GetRouteValue("Token") as string;
            var mediator = context.RequestServices.GetRequiredService<IMediator>();
            if (await mediator.Send(new GetStatusPageLanguage(token), context.RequestAborted) is not { } language)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<meta name=\"robots\" content=\"noindex\"><title>Not found</title></head><body style=\"font-family:system-ui,sans-serif;padding:16px\">"
                    + "<h1>Not found</h1><p>This status link is not valid. Check that you copied the whole link from your message.</p></body></html>",
                    context.RequestAborted);
                return;
            }
            // W24: the customer reads their workspace's language, whatever their browser asks for. The page's
            // localizer and App's <html lang> follow the request culture, set here after the request localization.
            var culture = CultureInfo.GetCultureInfo(language);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(culture), provider: null));
        }
        await next();
    });
}
