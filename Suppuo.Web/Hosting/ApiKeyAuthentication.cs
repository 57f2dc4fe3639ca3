using System.Security.Claims;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Hosting;

/// <summary>`Authorization: Bearer sk_…` for /api/v1; a missing or unknown key is a 401 problem.</summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMediator mediator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var workspaceId = await mediator.Send(new AuthenticateApiKey(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (workspaceId is null)
            return AuthenticateResult.Fail("Unknown or revoked API key.");

        var identity = new ClaimsIdentity(
            [new Claim(WorkspaceClaims.WorkspaceId, workspaceId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure is null
            ? "Send a workspace API key as 'Authorization: Bearer sk_…'."
            : "The API key is unknown or revoked. Create a new one on the API keys page or with 'admin create-workspace'.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }
}
