namespace Suppuo.Web.Hosting;

internal static class SuppuoConfiguration
{
    /// <summary>
    /// In Development, also loads the repository root's appsettings.Development.json: `dotnet run --project Suppuo.Web`
    /// makes Suppuo.Web/ the content root, and the root file is the one a newcomer edits. It sits just above
    /// environment variables and the command line, so those still win.
    /// </summary>
    public static void AddRootDevelopmentSettings(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
            return;
        var rootFile = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "appsettings.Development.json"));
        if (!File.Exists(rootFile))
            return;
        var sources = configuration.Sources;
        var position = sources.ToList().FindLastIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource) + 1;
        var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = rootFile, Optional = true, ReloadOnChange = false };
        json.ResolveFileProvider();
        sources.Insert(position, json);
    }
}
