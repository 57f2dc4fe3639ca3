using Microsoft.Playwright;

namespace Suppuo.Bench;

/// <summary>
/// From the webhook's 200 to the message being visible in an inbox open in Chromium: each customer message is sent
/// alone, and the page itself notes the moment its text enters the DOM and the frame after that (when it is painted).
/// Both clocks are this machine's wall clock (performance.timeOrigin + performance.now() in the page).
/// </summary>
internal static class LiveLatency
{
    private const string Observer = """
        () => {
            window.__live = { pending: null, inDom: {}, painted: {} };
            new MutationObserver(() => {
                const marker = window.__live.pending;
                if (!marker || window.__live.inDom[marker] || !document.body.textContent.includes(marker)) return;
                window.__live.inDom[marker] = performance.timeOrigin + performance.now();
                requestAnimationFrame(() => { window.__live.painted[marker] = performance.timeOrigin + performance.now(); });
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Args.Number(args, "--messages", 200);
        var dataDirectory = Directory.CreateTempSubdirectory("suppuo-bench-live-").FullName;
        await BenchTwilio.SeedAsync(dataDirectory);
        await using var app = await PublishedApp.StartAsync(dataDirectory, 5394);
        if (await PublishedApp.LaunchChromiumAsync() is not var (playwright, browser))
            return 1;
        using var _ = playwright;
        await using var __ = browser;
        var page = await (await app.SignedInContextAsync(browser)).NewPageAsync();
        await page.GotoAsync("/");
        await PublishedApp.WaitInteractiveAsync(page);
        await page.EvaluateAsync(Observer);

        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        var fromRequest = new List<double>();
        var inDom = new List<double>();
        var painted = new List<double>();
        for (var i = -10; i < messages; i++) // the first ten warm up the server and the page
        {
            var marker = $"live-{i + 10:D4}-check";
            await page.EvaluateAsync("marker => window.__live.pending = marker", marker);
            var sentAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            using var response = await http.SendAsync(BenchTwilio.Post(BenchTwilio.Inbound(app.Url, $"SMlive{i + 10:D10}", $"+62877{i + 10:D8}", $"Halo {marker}")));
            var answeredAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            await page.WaitForFunctionAsync("marker => window.__live.painted[marker]", marker, new() { PollingInterval = 5 });
            var seen = await page.EvaluateAsync<double[]>("marker => [window.__live.inDom[marker], window.__live.painted[marker]]", marker);
            if (i < 0)
                continue;
            fromRequest.Add(seen[1] - sentAt);
            inDom.Add(seen[0] - answeredAt);
            painted.Add(seen[1] - answeredAt);
        }
        // The live event is published as soon as the message commits, so the page often has it before the webhook's
        // answer reaches Twilio: those samples are negative.
        Console.WriteLine($"Live latency over {messages} messages, each a new ticket in an open inbox (Chromium):");
        Stats.Print("from the 200: in the page's DOM", inDom);
        Stats.Print("from the 200: painted (next frame)", painted);
        Stats.Print("from sending the webhook: painted", fromRequest);
        return 0;
    }
}
