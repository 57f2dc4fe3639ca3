using Bunit;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;
using Suppuo.Web.Components.Tickets;

namespace Suppuo.Tests.Components;

public class ComposerTests : MudComponentTest
{
    private IRenderedComponent<Composer> RenderComposer(Func<string?, bool, IReadOnlyList<NewAttachment>, Task> send, bool windowClosed = false) =>
        Bunit.Render<Composer>(p => p.Add(x => x.Send, send).Add(x => x.WindowClosed, windowClosed));

    [Fact]
    public async Task Sends_a_public_reply_and_clears_the_text()
    {
        (string? Text, bool Internal)? sent = null;
        var composer = RenderComposer((text, isInternal, _) => { sent = (text, isInternal); return Task.CompletedTask; });
        composer.Find("#composer-text").Input("Baik, kami cek dulu ya.");
        await composer.Find("[data-testid=send]").ClickAsync(new());
        Assert.Equal(("Baik, kami cek dulu ya.", false), sent);
        Assert.Equal("", composer.Find("#composer-text").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Ctrl_Enter_sends()
    {
        string? sent = null;
        var composer = RenderComposer((text, _, _) => { sent = text; return Task.CompletedTask; });
        composer.Find("#composer-text").Input("Cepat");
        await composer.Find("#composer-text").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", CtrlKey = true });
        Assert.Equal("Cepat", sent);
    }

    [Fact]
    public async Task A_reply_that_fails_validation_keeps_the_typed_text_and_says_why()
    {
        var composer = RenderComposer((_, _, _) => throw new ValidationFailedException("body", "Must be at most 50000 characters."));
        composer.Find("#composer-text").Input("Teks yang penting");
        await composer.Find("[data-testid=send]").ClickAsync(new());
        Assert.Equal("Teks yang penting", composer.Find("#composer-text").GetAttribute("value"));
        Assert.Contains("Must be at most 50000 characters.", composer.Markup);
    }

    [Fact]
    public async Task Send_is_disabled_while_sending()
    {
        var release = new TaskCompletionSource();
        var composer = RenderComposer((_, _, _) => release.Task);
        composer.Find("#composer-text").Input("Tunggu");
        var sending = composer.Find("[data-testid=send]").ClickAsync(new());
        composer.WaitForAssertion(() => Assert.True(composer.Find("[data-testid=send]").HasAttribute("disabled")));
        release.SetResult();
        await sending;
        composer.WaitForAssertion(() => Assert.False(composer.Find("[data-testid=send]").HasAttribute("disabled")));
    }

    [Fact]
    public void W15_warns_when_the_24_hour_window_has_passed()
    {
        Assert.NotEmpty(RenderComposer((_, _, _) => Task.CompletedTask, windowClosed: true).FindAll("[data-testid=window-warning]"));
        Assert.Empty(RenderComposer((_, _, _) => Task.CompletedTask, windowClosed: false).FindAll("[data-testid=window-warning]"));
    }
}
