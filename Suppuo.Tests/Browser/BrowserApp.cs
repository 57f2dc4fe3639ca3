using Microsoft.Playwright;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Browser;

/// <summary>The real app on Kestrel (loopback, a free port) and one Chromium, shared by the tests of a class.</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public SuppuoApp App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static readonly string ArtifactsDirectory = Path.Combine(AppContext.BaseDirectory, "test-artifacts");

    public async Task InitializeAsync()
    {
        BaseUrl = App.StartOnKestrel();
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
            return; // the tests themselves are skipped (or, in CI, fail) by BrowserFactAttribute
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context (own cookies), as a separate person at a separate computer; without JavaScript when
    /// <paramref name="javaScriptEnabled"/> is false, as pages that promise to work without it are tested.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool javaScriptEnabled = true)
    {
        if (_browser is null)
            throw new InvalidOperationException($"Chromium could not be started from {BrowserFactAttribute.ChromiumPath}: install it with 'apt-get install -y chromium'.");
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, JavaScriptEnabled = javaScriptEnabled,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
