using Suppuo.Web.Hosting;

if (args is ["admin", ..])
    return await AdminCommandLine.RunAsync(args[1..], Console.Out, Console.Error);

var app = SuppuoWebApp.Build(args);
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, named so that WebApplicationFactory&lt;Program&gt; can find it.</summary>
public partial class Program;
