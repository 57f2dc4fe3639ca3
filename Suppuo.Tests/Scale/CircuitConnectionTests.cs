using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Scale;

/// <summary>The app on Kestrel, started once for the tests of a class that needs a real socket.</summary>
public class SuppuoAppOnKestrel : SuppuoApp
{
    private Uri? _baseUrl;

    public Uri BaseUrl => _baseUrl ??= new Uri(StartOnKestrel());
}

/// <summary>What an open inbox costs the server beyond its components: the circuit's WebSocket, on the real Kestrel.</summary>
public sealed class CircuitConnectionTests(SuppuoAppOnKestrel app) : IClassFixture<SuppuoAppOnKestrel>
{
    [Fact]
    public async Task A_circuit_websocket_is_not_compressed_even_when_the_browser_offers_it()
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var negotiated = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        negotiated.EnsureSuccessStatusCode();
        var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions(); // as Chromium offers permessage-deflate
        await socket.ConnectAsync(new Uri($"ws://{app.BaseUrl.Authority}/_blazor?id={token}"), CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.False(socket.HttpResponseHeaders!.ContainsKey("Sec-WebSocket-Extensions"),
            "the server accepted permessage-deflate, which keeps zlib's state for the circuit's whole life");
    }

    [Fact]
    public async Task Pages_still_may_be_framed_by_the_app_itself_only()
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var page = await http.GetAsync("/account/login");

        page.EnsureSuccessStatusCode();
        // One policy (W26's, which carries frame-ancestors), no longer Blazor's frame-ancestors-only header beside it.
        Assert.Contains("frame-ancestors 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public void The_app_runs_on_the_workstation_gc_which_keeps_less_resident_memory_per_circuit()
    {
        // The runtime reads this file beside Suppuo.Web.dll at start; bench: circuits measures what it changes.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Suppuo.Web.runtimeconfig.json")));

        Assert.False(config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
    }
}
