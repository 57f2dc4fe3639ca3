using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Suppuo.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme (its CSS variables: palette, typography, shadows) as one stylesheet for the whole app. A
/// MudThemeProvider in the layout would keep that CSS, some 23 KB of text, in the render trees of every circuit
/// (bench: circuits); the theme is fixed, so it is rendered once, by MudThemeProvider itself, when the app starts.
/// Light is the default, dark follows the system, and <c>data-theme</c> on &lt;html&gt; (the app bar's switch) overrides both.
/// </summary>
public sealed partial class ThemeStylesheet
{
    public const string Path = "/theme.css";

    public string Css { get; }

    /// <summary>The stylesheet's address with its content hash, so browsers may cache it for good.</summary>
    public string Url { get; }

    private ThemeStylesheet(string css)
    {
        Css = css;
        Url = $"{Path.TrimStart('/')}?v={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12]}";
    }

    public static async Task<ThemeStylesheet> RenderAsync(IServiceProvider services, MudTheme theme)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var light = await RenderProviderAsync(renderer, theme, darkMode: false);
        var dark = await RenderProviderAsync(renderer, theme, darkMode: true);
        var darkVariables = RootRule().Match(dark) is { Success: true } match
            ? match.Groups["variables"].Value
            : throw new InvalidOperationException("MudThemeProvider rendered no :root rule for the dark palette.");
        return new ThemeStylesheet($$"""
            {{light}}
            @media (prefers-color-scheme: dark) {
                :root:not([data-theme=light]) { {{darkVariables}} }
            }
            :root[data-theme=dark] { {{darkVariables}} }
            """);
    }

    /// <summary>The CSS inside the provider's style elements, for one palette.</summary>
    private static async Task<string> RenderProviderAsync(HtmlRenderer renderer, MudTheme theme, bool darkMode) =>
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = theme,
                [nameof(MudThemeProvider.IsDarkMode)] = darkMode,
            });
            var html = (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
            return string.Join('\n', StyleElement().Matches(html).Select(style => style.Groups["css"].Value.Trim()));
        });

    [GeneratedRegex(@"<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@":root\s*\{(?<variables>[^}]*)\}")]
    private static partial Regex RootRule();
}
