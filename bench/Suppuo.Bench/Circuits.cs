using Microsoft.Playwright;

namespace Suppuo.Bench;

/// <summary>
/// The server's memory with 1, 25 and 100 inbox circuits open (one browser, many pages), and so the cost of one
/// circuit: the difference divided by the difference in circuits. Resident memory includes garbage the server GC has
/// not returned yet; the live managed heap (after the full GC that `dotnet-gcdump` triggers) is what circuits keep.
/// </summary>
internal static class Circuits
{
    public static async Task<int> RunAsync(string[] args)
    {
        int[] steps = [1, 25, 100];
        var dataDirectory = Directory.CreateTempSubdirectory("suppuo-bench-circuits-").FullName;
        await BenchTwilio.SeedAsync(dataDirectory);
        await using var app = await PublishedApp.StartAsync(dataDirectory, 5395);
        // An inbox with a full first page, so each circuit renders what an agent's does.
        using (var http = new HttpClient { BaseAddress = new Uri(app.Url) })
            for (var i = 0; i < Args.Number(args, "--tickets", 60); i++)
                (await http.SendAsync(BenchTwilio.Post(BenchTwilio.Inbound(app.Url, $"SMcircuit{i:D6}", $"+62878{i:D8}", $"Pesanan {i} belum sampai")))).EnsureSuccessStatusCode();

        if (await PublishedApp.LaunchChromiumAsync() is not var (playwright, browser))
            return 1;
        using var _ = playwright;
        await using var __ = browser;
        var context = await app.SignedInContextAsync(browser);
        // The inbox opened and left --warm-up times first, in one page (leaving a page ends its circuit), so that what
        // the server does once as circuits come (tier-1 recompiles of the inbox's code, pools growing) is done before the
        // first measurement. The live heap at one circuit says whether any left circuit was kept.
        var warmUp = Args.Number(args, "--warm-up", 50);
        if (warmUp > 0)
        {
            var visitor = await context.NewPageAsync();
            for (var i = 0; i < warmUp; i++)
            {
                await visitor.GotoAsync("/");
                await PublishedApp.WaitInteractiveAsync(visitor);
            }
            await visitor.CloseAsync();
        }
        var pages = new List<IPage>();
        var measured = new List<(int Circuits, long Resident, long? Heap)>();
        Console.WriteLine("Circuits: resident memory of the server with N inbox pages open (each page one circuit):");
        foreach (var target in steps)
        {
            while (pages.Count < target)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await PublishedApp.WaitInteractiveAsync(page);
                pages.Add(page);
            }
            await Task.Delay(TimeSpan.FromSeconds(5)); // let allocations of the page loads be collected
            var heap = await LiveHeapBytesAsync(app.ProcessId, print: target == steps[^1] && args.Contains("--types"));
            var resident = app.ResidentBytes();
            measured.Add((target, resident, heap));
            Console.WriteLine($"{target,5} circuits   {resident / 1024.0 / 1024,7:F1} MiB resident   {(heap is { } h ? $"{h / 1024.0 / 1024,7:F1} MiB live managed heap" : "(install dotnet-gcdump for the live heap)")}");
        }
        if (Args.Text(args, "--dump") is { } dumpFile) // for `dotnet-dump analyze FILE` → `dumpheap -stat`
            await System.Diagnostics.Process.Start(DotnetTool("dotnet-dump"), ["collect", "-p", app.ProcessId.ToString(), "--type", "Heap", "-o", dumpFile]).WaitForExitAsync();
        // From the first circuit, and from the 25th: the first span can also hold what the server does once as circuits
        // come, the second only what each adds.
        foreach (var from in new[] { measured[0], measured[1] })
        {
            var last = measured[^1];
            var circuits = last.Circuits - from.Circuits;
            var heap = from.Heap is { } fromHeap && last.Heap is { } lastHeap ? $"   live managed heap {(lastHeap - fromHeap) / 1024.0 / circuits,4:F0} KiB" : "";
            Console.WriteLine($"per circuit, {from.Circuits,2} → {last.Circuits} circuits: resident {(last.Resident - from.Resident) / 1024.0 / circuits,4:F0} KiB{heap}   (target ≤ 400 KB)");
        }
        return 0;
    }

    /// <summary>The types holding the most live bytes, summed over the report's size buckets.</summary>
    private static void PrintLargestTypes(string report)
    {
        var rows = report.Split('\n')
            .Select(line => line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 3 && long.TryParse(parts[0].Replace(",", ""), out _) && long.TryParse(parts[1].Replace(",", ""), out _))
            .GroupBy(parts => System.Text.RegularExpressions.Regex.Replace(parts[2], @" \(Bytes > [0-9K]+\)", ""))
            .Select(g => (Type: g.Key, Bytes: g.Sum(p => long.Parse(p[0].Replace(",", ""))), Count: g.Sum(p => long.Parse(p[1].Replace(",", "")))))
            .OrderByDescending(r => r.Bytes)
            .Take(40);
        foreach (var (type, bytes, count) in rows)
            Console.WriteLine($"{bytes,14:N0} {count,10:N0}  {(type.Length > 150 ? type[..150] : type)}");
    }

    /// <summary>A global .NET tool: from ~/.dotnet/tools, where `dotnet tool install -g` puts it, or else from PATH.</summary>
    private static string DotnetTool(string name)
    {
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet/tools", name);
        return File.Exists(installed) ? installed : name;
    }

    /// <summary>`dotnet-gcdump report -p` forces a full collection and counts what is still reachable.</summary>
    private static async Task<long?> LiveHeapBytesAsync(int processId, bool print)
    {
        try
        {
            using var report = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(DotnetTool("dotnet-gcdump"), ["report", "-p", processId.ToString()])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = await report.StandardOutput.ReadToEndAsync();
            await report.WaitForExitAsync();
            if (print)
                PrintLargestTypes(output);
            var line = output.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes"));
            return line is null ? null : long.Parse(line.Trim().Split(' ')[0].Replace(",", ""));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
