using System.Diagnostics;

namespace Suppuo.Bench;

/// <summary>
/// W25: how long `admin backup` and `admin restore` take on a big install (the inbox-scale seed, N tickets with M
/// messages each), run as an operator runs them: the published app's command line, one process each. The backup is
/// taken with the app stopped here; under load it is the same copy, with the app's writes going on beside it.
/// </summary>
internal static class BackupRestore
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = Args.Number(args, "--tickets", 100_000);
        var messagesPerTicket = Args.Number(args, "--messages", 10);
        var dataDirectory = Args.Text(args, "--keep") ?? Directory.CreateTempSubdirectory("suppuo-bench-backup-").FullName;
        Console.WriteLine($"Backup and restore: {tickets:N0} tickets, {messagesPerTicket} messages each, data in {dataDirectory}");
        await using (var services = BenchServices.Build(dataDirectory))
            await InboxAtScale.SeedAsync(services, tickets, messagesPerTicket);
        var database = new FileInfo(Path.Combine(dataDirectory, "suppuo.db")).Length;

        var work = Directory.CreateTempSubdirectory("suppuo-bench-backup-copy-").FullName;
        try
        {
            var backup = Path.Combine(work, "backup");
            var (exit, output, elapsed) = await PublishedApp.AdminAsync(dataDirectory, "backup", "--to", backup);
            if (exit != 0)
                throw new InvalidOperationException($"admin backup exited {exit}");
            Console.WriteLine($"{"admin backup",-20} {elapsed.TotalSeconds,8:F1} s   {output}   database {database / 1048576.0:F0} MiB");

            var restored = Path.Combine(work, "restored");
            (exit, output, elapsed) = await PublishedApp.AdminAsync(restored, "restore", "--from", backup);
            if (exit != 0)
                throw new InvalidOperationException($"admin restore exited {exit}");
            Console.WriteLine($"{"admin restore",-20} {elapsed.TotalSeconds,8:F1} s   {output}");

            // Restored is not done until the app serves on it: the first start also runs ANALYZE and catches the search index up.
            var start = Stopwatch.StartNew();
            await using (await PublishedApp.StartAsync(restored, 5394))
                Console.WriteLine($"{"first start after",-20} {start.Elapsed.TotalSeconds,8:F1} s   (until /healthz answers)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }
}
