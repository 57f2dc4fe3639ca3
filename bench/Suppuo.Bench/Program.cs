using Suppuo.Bench;

// Benchmarks print their figures; they are not part of the test command. See bench/README.md.
return args switch
{
    ["inbox-scale", .. var rest] => await InboxAtScale.RunAsync(rest),
    ["ingest", .. var rest] => await WebhookIngest.RunAsync(rest),
    ["live-latency", .. var rest] => await LiveLatency.RunAsync(rest),
    ["circuits", .. var rest] => await Circuits.RunAsync(rest),
    ["backup-restore", .. var rest] => await BackupRestore.RunAsync(rest),
    ["bare-server", var url] => await BareServer.ServeAsync(url),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/Suppuo.Bench -- <benchmark> [options]
          inbox-scale [--tickets 100000] [--messages 10] [--keep DIR]
          ingest [--messages 20000] [--clients 64] [--postgres CONN] [--metrics]
          backup-restore [--tickets 100000] [--messages 10] [--keep DIR]
          live-latency [--messages 200]
          circuits [--types]
        """);
    return 2;
}
