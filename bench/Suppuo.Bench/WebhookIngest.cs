using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;

namespace Suppuo.Bench;

/// <summary>
/// Correctly signed Twilio inbound webhooks against the published app on SQLite, from many clients at once: messages
/// stored per second, answer latency and errors. Two ceilings are measured in the same run, so the figures read as
/// ratios on a noisy machine: the same HTTP load against a server that does no work, and a bare SQLite loop that
/// commits one ticket + one message per durable transaction. `--postgres CONN` runs the app on that (empty) PostgreSQL
/// database instead; `--metrics` runs it with Suppuo:Metrics:Enabled and scrapes /metrics every 5 s meanwhile, so that
/// two runs, with and without, give the cost of metrics on ingest (W25).
/// </summary>
internal static class WebhookIngest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Args.Number(args, "--messages", 20_000);
        var clients = Args.Number(args, "--clients", 64);
        var postgres = Args.Text(args, "--postgres");
        var metrics = args.Contains("--metrics");
        Console.WriteLine($"Webhook ingest: {messages:N0} messages per scenario, {clients} concurrent clients, {Environment.ProcessorCount} cores, "
            + $"{(postgres is null ? "SQLite" : "PostgreSQL")}, metrics {(metrics ? "on (scraped every 5 s)" : "off")}");

        var sqliteCeiling = BareSqliteLoop(TimeSpan.FromSeconds(5));

        await using (var bare = await BareServer.StartAsync(5392))
        {
            var load = Requests(bare.Url, messages, phones: messages, prefix: "bare");
            await RunLoadAsync(bare.Url, load.Take(1_000).ToList(), clients, null); // warm-up
            Report("bare HTTP endpoint (no work)", await RunLoadAsync(bare.Url, load, clients, null, Process.GetProcessById(bare.ProcessId)));
        }

        var dataDirectory = Directory.CreateTempSubdirectory("suppuo-bench-ingest-").FullName;
        await BenchTwilio.SeedAsync(dataDirectory, postgres);
        var settings = new Dictionary<string, string>();
        if (postgres is not null)
            settings["ConnectionStrings__Postgres"] = postgres;
        if (metrics)
            settings["Suppuo__Metrics__Enabled"] = "true";
        await using var app = await PublishedApp.StartAsync(dataDirectory, 5393, settings);
        using var scraping = new CancellationTokenSource();
        var scraper = metrics ? ScrapeAsync(app.Url, scraping.Token) : Task.CompletedTask;
        var db = Path.Combine(dataDirectory, "suppuo.db");
        Func<long> countMessages = postgres is null ? () => CountSqliteMessages(db) : () => CountPostgresMessages(postgres);
        if (postgres is null)
            Console.WriteLine($"app SQLite: journal_mode={Pragma(db, "journal_mode")}, synchronous={Pragma(db, "synchronous")} (2 = FULL: every commit is on disk)");

        var server = Process.GetProcessById(app.ProcessId);
        await WarmUpAsync(app.Url, server, clients);
        var single = await RunLoadAsync(app.Url, Requests(app.Url, 500, phones: 500, prefix: "one"), 1, null, server);
        Report("app, 1 client (latency alone)", single);

        var before = countMessages();
        var newTickets = await RunLoadAsync(app.Url, Requests(app.Url, messages, phones: messages, prefix: "new"), clients, null, server);
        Report($"app, new tickets ({clients} clients)", newTickets, countMessages() - before, sqliteCeiling);

        before = countMessages();
        var threading = await RunLoadAsync(app.Url, Requests(app.Url, messages, phones: 20, prefix: "thread"), clients, null, server);
        Report($"app, threading on 20 phones ({clients} clients)", threading, countMessages() - before, sqliteCeiling);

        // Provider retries: the same MessageSids again change nothing (W7) and must stay cheap.
        before = countMessages();
        var retries = await RunLoadAsync(app.Url, Requests(app.Url, 5_000, phones: 5_000, prefix: "new"), clients, null, server);
        Report($"app, provider retries of stored messages ({clients} clients)", retries, countMessages() - before);
        await scraping.CancelAsync();
        await scraper;
        return 0;
    }

    /// <summary>What Prometheus does meanwhile: a scrape every 5 s (a third of its usual interval, to weigh more).</summary>
    private static async Task ScrapeAsync(string url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        try
        {
            while (true)
            {
                (await http.GetAsync("/metrics", cancellationToken)).EnsureSuccessStatusCode();
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <param name="ServerCpu">The server process's CPU time over the run: per request, the figure that holds when other work shares the machine.</param>
    private sealed record LoadResult(int Sent, int Errors, TimeSpan Elapsed, double[] LatenciesMs, TimeSpan? ServerCpu = null);

    private static void Report(string name, LoadResult result, long? stored = null, double? sqliteCeiling = null)
    {
        var sorted = result.LatenciesMs.Order().ToArray();
        double P(double q) => Stats.Percentile(sorted, q);
        var perSecond = (stored ?? result.Sent - result.Errors) / result.Elapsed.TotalSeconds;
        var line = $"{name,-52} {perSecond,8:N0}/s   p50 {P(0.50),6:F1} ms   p95 {P(0.95),6:F1} ms   p99 {P(0.99),6:F1} ms   errors {result.Errors}";
        if (stored is { } count)
            line += $"   stored {count:N0}";
        if (sqliteCeiling is { } ceiling)
            line += $"   = {perSecond / ceiling:F1}× bare SQLite loop";
        if (result.ServerCpu is { } cpu)
            line += $"   server CPU {cpu.TotalMilliseconds / result.Sent:F2} ms/request";
        Console.WriteLine(line);
    }

    /// <summary>Bodies and signatures made before the clock starts: the load generator shares the machine's two cores.</summary>
    private static List<(byte[] Body, string Signature)> Requests(string baseUrl, int count, int phones, string prefix)
    {
        // Each scenario writes from its own range of numbers, so "new tickets" really are new.
        var range = prefix switch { "warm" => 10, "one" => 11, "new" => 12, "thread" => 13, "warmthread" => 15, _ => 14 };
        return Enumerable.Range(0, count)
            .Select(i => BenchTwilio.Inbound(baseUrl, $"SM{prefix}{i:D10}", $"+628{range}{i % phones:D8}", $"Halo, pesanan saya nomor {i} belum sampai. Tolong dicek ya."))
            .ToList();
    }

    private static async Task<LoadResult> RunLoadAsync(string baseUrl, IReadOnlyList<(byte[] Body, string Signature)> requests, int clients, Action<int>? onAnswer,
        Process? server = null)
    {
        server?.Refresh();
        var cpuBefore = server?.TotalProcessorTime;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60),
        };
        var latencies = new double[requests.Count];
        var next = -1;
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests.Count)
            {
                using var request = BenchTwilio.Post(requests[index]);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref errors) == 1)
                        Console.WriteLine($"first error: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException error)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                        Console.WriteLine($"first error: {error.Message}");
                }
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                onAnswer?.Invoke(index);
            }
        })));
        var elapsed = watch.Elapsed;
        server?.Refresh();
        return new LoadResult(requests.Count, errors, elapsed, latencies, server?.TotalProcessorTime - cpuBefore);
    }

    /// <summary>
    /// Every path once under load, then wait until the server is idle: for a minute or so after start the runtime
    /// recompiles hot methods in the background (tiered compilation), and measured during that, over a third of the
    /// server's CPU was the JIT's (perf, 2026-11-25). The figures are for a server that has settled.
    /// </summary>
    private static async Task WarmUpAsync(string url, Process server, int clients)
    {
        var newCustomers = Requests(url, 5_000, phones: 5_000, prefix: "warm");
        await RunLoadAsync(url, newCustomers, clients, null);
        await RunLoadAsync(url, Requests(url, 2_000, phones: 20, prefix: "warmthread"), clients, null);
        await RunLoadAsync(url, newCustomers.Take(1_000).ToList(), clients, null);
        var settled = Stopwatch.StartNew();
        for (var cpu = TimeSpan.MaxValue; cpu > TimeSpan.FromMilliseconds(100) && settled.Elapsed < TimeSpan.FromSeconds(60);)
        {
            server.Refresh();
            var before = server.TotalProcessorTime;
            await Task.Delay(TimeSpan.FromSeconds(1));
            server.Refresh();
            cpu = server.TotalProcessorTime - before;
        }
        Console.WriteLine($"warmed up; server idle after {settled.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>The disk's own limit: one ticket + one message per transaction, committed durably, one after another.</summary>
    private static double BareSqliteLoop(TimeSpan duration)
    {
        var directory = Directory.CreateTempSubdirectory("suppuo-bench-sqlite-").FullName;
        using (var services = BenchServices.Build(directory))
        using (var scope = services.CreateScope())
            SqliteSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SuppuoDbContext>()).GetAwaiter().GetResult();
        using var connection = new SqliteConnection(SqliteSetup.DefaultConnectionString(directory));
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "INSERT INTO Workspaces (Name, CreatedAt) VALUES ('Bare', '2026-01-01 00:00:00');";
            setup.ExecuteNonQuery();
        }
        using var ticket = connection.CreateCommand();
        ticket.CommandText = """
            INSERT INTO Tickets (WorkspaceId, Subject, Status, Channel, RequesterPhone, StatusToken, CreatedAt, UpdatedAt, LastMessageAt)
            VALUES (1, $subject, 'Open', 'WhatsApp', $phone, $token, $now, $now, $now) RETURNING Id;
            """;
        using var message = connection.CreateCommand();
        message.CommandText = """
            INSERT INTO Messages (TicketId, Author, Internal, Body, ConnectionId, ProviderMessageId, CreatedAt)
            VALUES ($ticket, 'Requester', 0, $body, 1, $sid, $now);
            """;
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            ticket.Transaction = message.Transaction = transaction;
            var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            ticket.Parameters.Clear();
            ticket.Parameters.AddWithValue("$subject", $"Pesanan {count} belum sampai");
            ticket.Parameters.AddWithValue("$phone", $"+62812{count:D8}");
            ticket.Parameters.AddWithValue("$token", Guid.NewGuid().ToString("N"));
            ticket.Parameters.AddWithValue("$now", now);
            var ticketId = (long)ticket.ExecuteScalar()!;
            message.Parameters.Clear();
            message.Parameters.AddWithValue("$ticket", ticketId);
            message.Parameters.AddWithValue("$body", $"Halo, pesanan saya nomor {count} belum sampai.");
            message.Parameters.AddWithValue("$sid", $"SMbare{count:D10}");
            message.Parameters.AddWithValue("$now", now);
            message.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }
        var perSecond = count / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{"bare SQLite loop (1 ticket + 1 message per tx)",-52} {perSecond,8:N0}/s   synchronous={Pragma(connection, "synchronous")}, journal_mode={Pragma(connection, "journal_mode")}");
        return perSecond;
    }

    private static long CountSqliteMessages(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Messages";
        return (long)command.ExecuteScalar()!;
    }

    private static long CountPostgresMessages(string connectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Messages\"";
        return (long)command.ExecuteScalar()!;
    }

    private static string Pragma(string databaseFile, string name)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile}");
        connection.Open();
        return Pragma(connection, name);
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(command.ExecuteScalar())!;
    }
}
