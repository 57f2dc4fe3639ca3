using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W19 on /dashboard/channels: a card per number with its label and default flag, and "Connect another number".</summary>
public class ChannelsPageNumbersTests : AdminPageTest
{
    public ChannelsPageNumbersTests(SuppuoApp app) : base(app) => Bunit.Services.AddSingleton(TimeProvider.System);

    [Fact]
    public async Task W19_every_number_has_its_card_the_first_is_the_default_and_another_can_be_connected_and_labelled()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var first = await App.ConnectTwilioAsync(workspace);
        var second = await App.ConnectTwilioAsync(workspace);
        SignInAsOwnerOf(workspace);
        RenderDialogProvider();
        Bunit.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var page = Bunit.Render<ChannelsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=channel-card]").Count));
        Assert.Equal([first.Number, second.Number], page.FindAll("[data-testid=channel-label]").Select(l => l.TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=default-number]"));
        Assert.Equal("Connect another number", page.Find("[data-testid=connect-heading]").TextContent.Trim());
        Assert.False(page.Find("[data-testid=choose-twilio]").HasAttribute("disabled"));

        var secondCard = page.FindAll("[data-testid=channel-card]")[1];
        secondCard.QuerySelector("input[data-testid=label-input]")!.Change("Cabang Bandung");
        page.FindAll("[data-testid=channel-card]")[1].QuerySelector("[data-testid=save-number]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("Cabang Bandung", page.FindAll("[data-testid=channel-label]")[1].TextContent.Trim()));

        page.FindAll("[data-testid=channel-card]")[1].QuerySelector("[data-testid=make-default]")!.Click();
        await Eventually.WaitForAsync(async () => (await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray()
            .Single(c => c!["isDefault"]!.GetValue<bool>())!.Int("id"), id => id == second.ConnectionId, "the second number to be the default");
    }
}
