using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Suppuo.Bench;

/// <summary>
/// The real app as it runs in production: published once in Release, started as its own process on a data directory,
/// so the benchmark's own work never shares a process (or a GC heap) with the server it measures.
/// </summary>
internal sealed partial class PublishedApp : IAsyncDisposable
{
    public const string Email = "bench@suppuo.test";
    public const string Password = "BenchPassw0rd!";

    private static string? _publishedDll;
    private readonly Process _process;

    private PublishedApp(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }
    public int ProcessId => _process.Id;

    /// <summary>Starts the published app on <paramref name="dataDirectory"/> and waits until it answers /healthz.</summary>
    public static async Task<PublishedApp> StartAsync(string dataDirectory, int port, IDictionary<string, string>? settings = null)
    {
        var dll = await PublishAsync();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment =
            {
                ["Suppuo__DataDirectory"] = dataDirectory, ["Suppuo__PublicBaseUrl"] = url, ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                // Nothing in a benchmark may reach the internet: providers point at a closed loopback port.
                ["Suppuo__Twilio__ApiBaseUrl"] = "http://127.0.0.1:9", ["Suppuo__Meta__GraphBaseUrl"] = "http://127.0.0.1:9",
            },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("app: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new PublishedApp(process, url);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return app;
            }
            catch (HttpRequestException) when (attempt < 600 && !process.HasExited)
            {
                await Task.Delay(200); // migrations may run first
            }
        }
    }

    /// <summary>`dotnet Suppuo.Web.dll admin …` on <paramref name="dataDirectory"/>, as an operator runs it: exit code, stdout, time.</summary>
    public static async Task<(int Exit, string Output, TimeSpan Elapsed)> AdminAsync(string dataDirectory, params string[] args)
    {
        var dll = await PublishAsync();
        var start = new ProcessStartInfo("dotnet", [dll, "admin", .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment = { ["Suppuo__DataDirectory"] = dataDirectory, ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            RedirectStandardOutput = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim(), watch.Elapsed);
    }

    private static async Task<string> PublishAsync()
    {
        if (_publishedDll is not null)
            return _publishedDll;
        var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var publish = Path.Combine(Path.GetTempPath(), "suppuo-bench-publish-" + Path.GetFileName(repository));
        Console.WriteLine($"Publishing the app to {publish} …");
        using var publishing = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(repository, "Suppuo.Web"), "-c", "Release", "-o", publish, "--nologo", "-v", "q"]))!;
        await publishing.WaitForExitAsync();
        if (publishing.ExitCode != 0)
            throw new InvalidOperationException("The app did not publish.");
        return _publishedDll = Path.Combine(publish, "Suppuo.Web.dll");
    }

    /// <summary>An HTTP client signed in as the benchmark's agent (cookie), for pages over HTTP.</summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(Url) };
        var loginPage = await http.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(loginPage).Groups[1].Value;
        await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = Email, ["Input.Password"] = Password,
        }));
        return http;
    }

    /// <summary>Debian's Chromium through Playwright, launched as the tests launch it; null (with a line saying why) when it is missing.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)?> LaunchChromiumAsync()
    {
        if (!File.Exists("/usr/bin/chromium"))
        {
            Console.WriteLine("Chromium: skipped, /usr/bin/chromium is not installed (apt-get install -y chromium).");
            return null;
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>A signed-in browser context (one cookie jar), ready to open pages of the app.</summary>
    public async Task<IBrowserContext> SignedInContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await WaitInteractiveAsync(page);
        await page.CloseAsync();
        return context;
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#interactive-marker[data-interactive=true]", new() { State = WaitForSelectorState.Attached });

    /// <summary>The server's resident memory, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
