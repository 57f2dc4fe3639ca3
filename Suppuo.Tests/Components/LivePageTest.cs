using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Common;
using Suppuo.Tests.Support;
using Suppuo.Web.Hosting;
using Suppuo.Web.Live;

namespace Suppuo.Tests.Components;

/// <summary>A page component over the real app, on an interactive circuit, signed in as a workspace's owner.</summary>
public abstract class LivePageTest : MudComponentTest
{
    private readonly BunitAuthorizationContext _auth;

    protected LivePageTest(SuppuoApp app)
    {
        App = app;
        Events = app.Services.GetRequiredService<WorkspaceEvents>();
        _auth = Connect(Bunit, app);
    }

    /// <summary>
    /// Makes <paramref name="bunit"/> one interactive circuit of <paramref name="app"/>: a second context is a second
    /// browser tab, with circuit-scoped services of its own (W23's presence) over the same app.
    /// </summary>
    protected static BunitAuthorizationContext Connect(BunitContext bunit, SuppuoApp app)
    {
        bunit.Services.AddSingleton(new ScopedSender(app.Services.GetRequiredService<IServiceScopeFactory>()));
        bunit.Services.AddSingleton(app.Services.GetRequiredService<WorkspaceEvents>());
        bunit.Services.AddSingleton(app.Services.GetRequiredService<PresenceBoard>());
        bunit.Services.AddScoped<CircuitPresence>();
        bunit.Services.AddScoped<PresenceCircuitHandler>();
        bunit.Services.AddScoped<WorkspaceTime>();
        bunit.Services.AddSingleton(TimeProvider.System);
        bunit.Services.AddSingleton(app.Services.GetRequiredService<CustomerLinks>());
        var auth = bunit.AddAuthorization();
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return auth;
    }

    protected SuppuoApp App { get; }

    protected WorkspaceEvents Events { get; }

    protected void SignInAs(TestWorkspace workspace, params string[] roles)
    {
        _auth.SetAuthorized(workspace.OwnerEmail);
        _auth.SetRoles(roles);
        _auth.SetClaims(new Claim(WorkspaceClaims.WorkspaceId, workspace.Id.ToString()), new Claim(ClaimTypes.NameIdentifier, workspace.OwnerUserId));
    }

    /// <summary>Signs <paramref name="auth"/>'s circuit in as an agent of the workspace, named as people see them.</summary>
    protected static void SignInAs(BunitAuthorizationContext auth, int workspaceId, string userId, string email, string name)
    {
        auth.SetAuthorized(email);
        auth.SetClaims(new Claim(WorkspaceClaims.WorkspaceId, workspaceId.ToString()), new Claim(ClaimTypes.NameIdentifier, userId), new Claim("suppuo:name", name));
    }
}
