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

        var key = await mediator.Send(new AuthenticateApiKey(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (key is null)
            return AuthenticateResult.Fail("Unknown or revoked API key.");

        var identity = new ClaimsIdentity(
        [
            new Claim(WorkspaceClaims.WorkspaceId, key.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(WorkspaceClaims.ScopeClaim, key.Scope.ToString()),
        ], SchemeName);
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

    /// <summary>The API policy forbids one thing only: a `read` key asking for anything but a GET (W26).</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden",
            detail: "This API key has the 'read' scope: it may only GET. Use a key with the 'write' scope (or 'admin' for channels, settings and keys).")
            .ExecuteAsync(Context);
    }

    /// <summary>A `read` key may only look (W26); what `write` may not change, Core refuses (IAdminRequest).</summary>
    public static bool ScopeAllows(ClaimsPrincipal user, HttpContext? context) =>
        user.FindFirstValue(WorkspaceClaims.ScopeClaim) != nameof(ApiKeyScope.Read)
        || context is null || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
}
