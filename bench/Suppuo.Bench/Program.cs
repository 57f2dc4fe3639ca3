using Suppuo.Bench;

// Benchmarks print their figures; they are not part of the test command. See bench/README.md.
return args switch
{
    ["inbox-scale", .. var rest] => await InboxAtScale.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Suppuo.Bench -- inbox-scale [--tickets 100000] [--messages 3] [--keep DIR]");
    return 2;
}
