using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Suppuo.Tests.Components;

/// <summary>
/// The one bunit setup every component test shares: MudBlazor's services, loose JS interop, no transitions. Disposed
/// asynchronously, since MudBlazor's services are async-disposable only.
/// </summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected BunitContext Bunit { get; } = new();

    protected MudComponentTest()
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Bunit.Services.AddLocalization();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Bunit.DisposeAsync();
}
