using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W17 on /dashboard/channels: the Twilio card says when missed messages were last looked for, and what came of it.</summary>
public class ChannelsPageBackfillTests : AdminPageTest
{
    public ChannelsPageBackfillTests(SuppuoApp app) : base(app) => Bunit.Services.AddSingleton(TimeProvider.System);

    private async Task<string> BackfillLineAsync(TwilioNumber number)
    {
        SignInAsOwnerOf(number.Workspace);
        RenderDialogProvider();
        // Rendered once, as the prerender is: the page's polling for a first webhook only starts when interactive.
        Bunit.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var page = Bunit.Render<ChannelsPage>();
        return page.WaitForElement("[data-testid=backfill]").TextContent;
    }

    [Fact]
    public async Task W17_the_twilio_card_shows_the_last_backfill_and_how_many_messages_it_recovered()
    {
        var number = await App.ConnectTwilioAsync(await App.CreateWorkspaceAsync());
        App.Twilio.MissedMessage(number, Replies.Customer, "Halo?", DateTime.UtcNow.AddMinutes(-1));
        await App.BackfillAsync(number);

        var line = await BackfillLineAsync(number);

        Assert.Contains("Back-fill: just now, recovered 1 message", line);
    }

    [Fact]
    public async Task W17_the_twilio_card_shows_a_failed_backfill_and_that_it_will_retry()
    {
        var number = await App.ConnectTwilioAsync(await App.CreateWorkspaceAsync());
        App.Twilio.RotateToken(number.AccountSid);
        await App.BackfillAsync(number);

        var line = await BackfillLineAsync(number);

        Assert.Contains("Back-fill failed just now", line);
        Assert.Contains("20003", line);
        Assert.Contains("will retry", line);
    }
}
