using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Suppuo.Tests.Support;
using Suppuo.Web.Api;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Components;

/// <summary>
/// An admin page rendered with bunit over the real Core: the page's requests go through a <see cref="ScopedSender"/>
/// on the test app, and the page sees a signed-in admin of one workspace, as the cookie would give it.
/// </summary>
public abstract class AdminPageTest : MudComponentTest, IClassFixture<SuppuoApp>
{
    protected SuppuoApp App { get; }

    protected AdminPageTest(SuppuoApp app)
    {
        App = app;
        Bunit.Services.AddSingleton(new ScopedSender(app.Services.GetRequiredService<IServiceScopeFactory>()));
        Bunit.Services.AddSingleton(app.Services.GetRequiredService<PublicLinks>());
        Bunit.Services.AddScoped<WorkspaceTime>();
    }

    protected void SignInAsOwnerOf(TestWorkspace workspace)
    {
        var auth = Bunit.AddAuthorization();
        auth.SetAuthorized(workspace.OwnerEmail);
        auth.SetRoles("Admin");
        auth.SetClaims(
            new Claim(WorkspaceClaims.WorkspaceId, workspace.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, workspace.OwnerUserId));
    }

    /// <summary>Where confirmation dialogs (ShowMessageBoxAsync) appear, as MainLayout provides it in the app.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider() => Bunit.Render<MudDialogProvider>();

    /// <summary>Clicks a button that opens a confirmation, answers it with <paramref name="answer"/>, and waits for the click's work to finish.</summary>
    protected static async Task ConfirmAsync(AngleSharp.Dom.IElement button, IRenderedComponent<MudDialogProvider> dialogs, string answer)
    {
        var clicking = button.ClickAsync(new()); // not awaited yet: the handler waits for the dialog's answer
        AngleSharp.Dom.IElement? yes = null;
        dialogs.WaitForAssertion(() => yes = Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == answer));
        await yes!.ClickAsync(new());
        await clicking;
    }
}
