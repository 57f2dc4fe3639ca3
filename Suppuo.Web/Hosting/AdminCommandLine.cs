using System.Text.Json;
using MediatR;
using Suppuo.Core;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Operations;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Hosting;

/// <summary>
/// `admin create-workspace --name … --owner-email … --owner-password …` (docs/contract.md, "Admin command line") and
/// `admin create-api-key --workspace ID --name … --scope read|write|admin` (W26), `admin backup --to DIR` and
/// `admin restore --from DIR [--force]` (W25): stdout holds one JSON object, logs and
/// errors go to stderr, and the web server never starts.
/// </summary>
public static class AdminCommandLine
{
    private const string Usage = "usage: admin create-workspace --name NAME --owner-email EMAIL --owner-password PASSWORD [--language id|en] [--time-zone IANA]\n"
        + "       admin create-api-key --workspace ID --name NAME --scope read|write|admin\n"
        + "       admin backup --to DIR\n"
        + "       admin restore --from DIR [--force]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IDictionary<string, string?>? settings = null)
    {
        if (args is not [("create-workspace" or "create-api-key" or "backup" or "restore") and var command, .. var rest])
        {
            await error.WriteLineAsync(args.Length == 0 ? Usage : $"Unknown admin command '{args[0]}'. {Usage}");
            return 2;
        }
        // --force is the one option without a value (restore).
        var force = rest.Contains("--force");
        if (ParseOptions(rest.Where(arg => arg != "--force").ToArray()) is not { } options)
        {
            await error.WriteLineAsync($"Options come in pairs (--name value). {Usage}");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddRootDevelopmentSettings(builder.Environment);
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddSuppuoCore(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<IPublicUrls, NoPublicUrls>();
        await using var app = builder.Build();

        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            if (command is "backup" or "restore")
                return await BackupOrRestoreAsync(mediator, command, options, force, output, error);
            await SuppuoDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<SuppuoDbContext>());
            if (command == "create-api-key")
                return await CreateApiKeyAsync(mediator, options, output, error);
            var workspace = await mediator.Send(new CreateWorkspace(
                options.GetValueOrDefault("name"), options.GetValueOrDefault("owner-email"), options.GetValueOrDefault("owner-password"),
                Language: options.GetValueOrDefault("language"), TimeZone: options.GetValueOrDefault("time-zone")));
            // The owner's first key can do everything, as the owner can (W26).
            var key = await mediator.Send(new CreateApiKey(workspace.WorkspaceId, "Created by admin create-workspace", ApiKeyScope.Admin) { By = Actor.Operator });
            await output.WriteLineAsync(JsonSerializer.Serialize(new { workspaceId = workspace.WorkspaceId, apiKey = key.Key }));
            return 0;
        }
        catch (NotFoundException notFound)
        {
            await error.WriteLineAsync("--workspace: " + notFound.Message);
            return 1;
        }
        catch (ValidationFailedException invalid)
        {
            foreach (var (field, problems) in invalid.Errors)
                foreach (var problem in problems)
                    await error.WriteLineAsync($"--{CommandLineName(field)}: {problem}");
            return 1;
        }
        catch (ConflictException conflict)
        {
            await error.WriteLineAsync(conflict.Message);
            return 1;
        }
    }

    /// <summary>
    /// W25: one JSON object `{ "tickets", "attachments" }` on stdout, progress on stderr. Neither migrates: a backup copies
    /// the install as it is (the app may be running), a restore puts back a database the app migrates when it starts.
    /// </summary>
    private static async Task<int> BackupOrRestoreAsync(IMediator mediator, string command, Dictionary<string, string> options, bool force, TextWriter output, TextWriter error)
    {
        var folder = options.GetValueOrDefault(command == "backup" ? "to" : "from");
        if (string.IsNullOrWhiteSpace(folder))
        {
            await error.WriteLineAsync(command == "backup" ? "--to: Is required: the folder to write the backup to (new or empty)." : "--from: Is required: the backup's folder.");
            return 2;
        }
        void Progress(string line) => error.WriteLine(line);
        try
        {
            var summary = command == "backup"
                ? await mediator.Send(new BackupInstall(folder, Progress))
                : await mediator.Send(new RestoreInstall(folder, force, Progress));
            await output.WriteLineAsync(JsonSerializer.Serialize(new { tickets = summary.Tickets, attachments = summary.Attachments }));
            return 0;
        }
        catch (BackupException refused)
        {
            await error.WriteLineAsync(refused.Message);
            return 1;
        }
    }

    /// <summary>Prints the same JSON as POST /api/v1/api-keys: `{ "id", "name", "scope", "key" }`.</summary>
    private static async Task<int> CreateApiKeyAsync(IMediator mediator, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!int.TryParse(options.GetValueOrDefault("workspace"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var workspaceId))
        {
            await error.WriteLineAsync("--workspace: Is required: the workspace's id, as create-workspace printed it.");
            return 1;
        }
        ApiKeyScope? scope = Enum.TryParse<ApiKeyScope>(options.GetValueOrDefault("scope"), ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed) && !int.TryParse(options.GetValueOrDefault("scope"), out _) ? parsed : null;
        var key = await mediator.Send(new CreateApiKey(workspaceId, options.GetValueOrDefault("name"), scope) { By = Actor.Operator });
        await output.WriteLineAsync(JsonSerializer.Serialize(new { id = key.Id, name = key.Name, scope = key.Scope.ToString().ToLowerInvariant(), key = key.Key }));
        return 0;
    }

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        if (args.Length % 2 != 0)
            return null;
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                return null;
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    private static string CommandLineName(string field) => field switch
    {
        "ownerEmail" => "owner-email",
        "ownerPassword" => "owner-password",
        "ownerName" => "owner-name",
        "timeZone" => "time-zone",
        _ => field,
    };

    /// <summary>The command line makes no links: it answers only ids and keys.</summary>
    private sealed class NoPublicUrls : IPublicUrls
    {
        public string Absolute(string path) => path;
    }
}
