using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Suppuo.Web.Hosting;

/// <summary>Tells the OpenAPI document (and the reference page's "try it") that /api/v1 takes a bearer API key.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Suppuo API";
        document.Info.Description = "Tickets, messages and attachments of one workspace. Authenticate with `Authorization: Bearer sk_…`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A workspace API key (sk_…).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
