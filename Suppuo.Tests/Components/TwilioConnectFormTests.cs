using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.WhatsApp;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Channels;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Components;

/// <summary>The wizard's Twilio step (W1), rendered with bunit over the real Core and the fake Twilio.</summary>
public class TwilioConnectFormTests : MudComponentTest, IClassFixture<SuppuoApp>
{
    private readonly SuppuoApp _app;

    public TwilioConnectFormTests(SuppuoApp app)
    {
        _app = app;
        Bunit.Services.AddSingleton(new ScopedSender(app.Services.GetRequiredService<IServiceScopeFactory>()));
    }

    /// <summary>The form as the workspace's owner sees it: Core checks who connects a number (W26).</summary>
    private IRenderedComponent<TwilioConnectForm> RenderForm(TestWorkspace workspace, Action<ConnectionDto> onConnected)
    {
        var auth = Bunit.AddAuthorization();
        auth.SetAuthorized(workspace.OwnerEmail);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, workspace.OwnerUserId));
        return Bunit.Render<TwilioConnectForm>(parameters => parameters
            .Add(p => p.WorkspaceId, workspace.Id)
            .Add(p => p.OnConnected, onConnected));
    }

    private static void Fill(IRenderedComponent<TwilioConnectForm> form, string sid, string token, string? number)
    {
        form.Find("#twilio-account-sid").Input(sid);
        form.Find("#twilio-auth-token").Input(token);
        if (number is not null)
            form.Find("#twilio-phone-number").Input(number);
    }

    [Fact]
    public async Task W1_valid_credentials_connect_and_hand_back_the_connection()
    {
        var workspace = await _app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        _app.Twilio.AddAccount(sid, "form-token", whatsAppSenders: ["+15550001001"]);
        ConnectionDto? connected = null;
        var form = RenderForm(workspace, c => connected = c);

        Fill(form, sid, "form-token", "+15550001001");
        await form.Find("[data-testid=twilio-connect]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(connected));
        Assert.Equal("+15550001001", connected!.PhoneNumber);
        Assert.Equal(WhatsAppProvider.Twilio, connected.Provider);
    }

    [Fact]
    public async Task W1_a_rejected_token_shows_twilios_reason_on_the_token_field_and_connects_nothing()
    {
        var workspace = await _app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        _app.Twilio.AddAccount(sid, "right", whatsAppSenders: ["+15550001002"]);
        var connected = false;
        var form = RenderForm(workspace, _ => connected = true);

        Fill(form, sid, "wrong", "+15550001002");
        await form.Find("[data-testid=twilio-connect]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Twilio rejected this Account SID and Auth Token", form.Markup));
        Assert.False(connected);
        Assert.Empty(await _app.SendAsync(new ListChannels(workspace.Id)));
    }

    [Fact]
    public async Task W1_malformed_input_is_shown_per_field_without_calling_twilio()
    {
        var workspace = await _app.CreateWorkspaceAsync();
        var form = RenderForm(workspace, _ => { });
        var before = _app.Twilio.Requests.Count;

        Fill(form, "AC123", "", "0812");
        await form.Find("[data-testid=twilio-connect]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("An Account SID is 'AC' followed by 32 hexadecimal characters.", form.Markup));
        Assert.Contains("Must be the WhatsApp number in E.164", form.Markup);
        Assert.Equal(before, _app.Twilio.Requests.Count);
    }

    [Fact]
    public async Task W3_choosing_the_sandbox_fills_in_twilios_shared_number()
    {
        var workspace = await _app.CreateWorkspaceAsync();
        var form = RenderForm(workspace, _ => { });
        await form.Find("input[type=checkbox]").ChangeAsync(new() { Value = true });
        Assert.Equal("+14155238886", form.Find("#twilio-phone-number").GetAttribute("value"));
    }
}
