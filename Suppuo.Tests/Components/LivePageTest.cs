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
        Bunit.Services.AddSingleton(new ScopedSender(app.Services.GetRequiredService<IServiceScopeFactory>()));
        Bunit.Services.AddSingleton(Events);
        Bunit.Services.AddScoped<WorkspaceTime>();
        Bunit.Services.AddSingleton(TimeProvider.System);
        Bunit.Services.AddSingleton(app.Services.GetRequiredService<CustomerLinks>());
        _auth = Bunit.AddAuthorization();
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected SuppuoApp App { get; }

    protected WorkspaceEvents Events { get; }

    protected void SignInAs(TestWorkspace workspace, params string[] roles)
    {
        _auth.SetAuthorized(workspace.OwnerEmail);
        _auth.SetRoles(roles);
        _auth.SetClaims(new Claim(WorkspaceClaims.WorkspaceId, workspace.Id.ToString()), new Claim(ClaimTypes.NameIdentifier, workspace.OwnerUserId));
    }
}
