using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core;
using Suppuo.Core.Common;

namespace Suppuo.Bench;

/// <summary>Core's services on a benchmark's data directory: seeding and timing queries without the web host.</summary>
internal static class BenchServices
{
    /// <param name="postgres">A connection string: the install's database is PostgreSQL there instead of SQLite.</param>
    public static ServiceProvider Build(string dataDirectory, string? postgres = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Suppuo:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:Postgres"] = postgres,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSuppuoCore(configuration, dataDirectory);
        services.AddSingleton<IPublicUrls>(new BenchUrls());
        return services.BuildServiceProvider();
    }

    private sealed class BenchUrls : IPublicUrls
    {
        public string Absolute(string path) => "http://127.0.0.1" + path;
    }
}
