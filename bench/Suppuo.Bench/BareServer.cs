using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Suppuo.Bench;

/// <summary>
/// The HTTP ceiling: Kestrel in its own process (server GC, as the app runs) answering the webhook path with the same
/// empty TwiML after reading the form, and doing nothing else.
/// </summary>
internal sealed class BareServer : IAsyncDisposable
{
    private readonly Process _process;

    private BareServer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }
    public int ProcessId => _process.Id;

    public static async Task<BareServer> StartAsync(int port)
    {
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(BareServer).Assembly.Location, "bare-server", url])
        {
            Environment = { ["DOTNET_gcServer"] = "1" },
        })!;
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await http.GetAsync(url + "/");
                return new BareServer(process, url);
            }
            catch (HttpRequestException) when (attempt < 200)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The server side, run as `Suppuo.Bench bare-server URL`.</summary>
    public static async Task<int> ServeAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/webhooks/twilio/whatsapp", async (HttpRequest request) =>
        {
            await request.ReadFormAsync();
            return Results.Text("""<?xml version="1.0" encoding="UTF-8"?><Response/>""", "text/xml");
        });
        app.MapGet("/", () => "ok");
        await app.RunAsync(url);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
