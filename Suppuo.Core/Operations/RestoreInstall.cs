using System.Xml.Linq;
using MediatR;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Suppuo.Core.Data;

namespace Suppuo.Core.Operations;

/// <summary>
/// `admin restore --from DIR [--force]` (W25), with the app stopped: checks every file of the backup against its
/// manifest (a wrong checksum refuses the whole restore), then puts the database, attachments and Data Protection keys
/// where this install's configuration keeps them. The data directory (and attachment folder) must be empty, so a restore
/// never mixes into a live install; `--force` replaces what is there. On PostgreSQL the database comes back with
/// pg_restore; this restores the files and keys.
/// </summary>
public sealed record RestoreInstall(string From, bool Force, Action<string> Progress) : IRequest<BackupSummary>;

public sealed class RestoreInstallHandler(IConfiguration configuration, IOptions<SuppuoOptions> options, IOptions<KeyManagementOptions> keys)
    : IRequestHandler<RestoreInstall, BackupSummary>
{
    public async Task<BackupSummary> Handle(RestoreInstall request, CancellationToken cancellationToken)
    {
        var from = Path.GetFullPath(request.From);
        var manifestPath = Path.Combine(from, BackupManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new BackupException($"--from: {from} holds no {BackupManifest.FileName}: it is not a complete backup (an interrupted one never gets it).");
        var manifest = BackupManifest.Parse(await File.ReadAllTextAsync(manifestPath, cancellationToken))
            ?? throw new BackupException($"--from: {manifestPath} cannot be read as a backup manifest.");
        if (manifest.Format != BackupManifest.CurrentFormat)
            throw new BackupException($"--from: this backup's format is {manifest.Format}; this version of Suppuo restores format {BackupManifest.CurrentFormat}.");

        request.Progress($"Checking {manifest.Files.Count} files against the manifest…");
        foreach (var expected in manifest.Files)
        {
            if (expected.Path.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(expected.Path))
                throw new BackupException($"--from: the manifest names {expected.Path}, outside the backup: refused.");
            if (!File.Exists(Path.Combine(from, expected.Path)))
                throw new BackupException($"--from: {expected.Path} is missing from the backup: refused, nothing was restored.");
            var actual = await BackupManifest.DescribeAsync(from, expected.Path, cancellationToken);
            if (actual.Sha256 != expected.Sha256 || actual.Bytes != expected.Bytes)
                throw new BackupException($"--from: {expected.Path} does not match its checksum in the manifest (damaged or changed since the backup): refused, nothing was restored.");
        }

        var dataDirectory = options.Value.DataDirectory;
        var attachmentRoot = options.Value.Attachments.Path!;
        var onSqlite = string.IsNullOrEmpty(configuration.GetConnectionString("Postgres"));
        var databaseFile = onSqlite ? new SqliteConnectionStringBuilder(configuration.GetConnectionString("Suppuo") ?? SqliteSetup.DefaultConnectionString(dataDirectory)).DataSource : null;
        if (onSqlite != (manifest.Database == "sqlite"))
            throw new BackupException($"--from: this backup's database is {manifest.Database}, this install's is {(onSqlite ? "sqlite" : "postgresql")}: configure the install as the backup was made.");

        foreach (var place in new[] { dataDirectory, attachmentRoot }.Distinct())
            if (Directory.Exists(place) && Directory.EnumerateFileSystemEntries(place).Any())
            {
                if (!request.Force)
                    throw new BackupException($"{place} is not empty: restore into an empty data directory, or add --force to replace what is there (stop the app first).");
                Clear(place, request.Progress);
            }

        if (databaseFile is not null)
        {
            request.Progress("Restoring the database…");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
            File.Copy(Path.Combine(from, BackupManifest.DatabaseFile), databaseFile, overwrite: true);
        }
        else
            request.Progress("PostgreSQL: restore the database itself with pg_restore (see the README, \"Backup and restore\"); restoring files and keys.");

        var restored = 0;
        var prefix = BackupManifest.AttachmentsFolder + "/";
        foreach (var file in manifest.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var destination = Path.Combine(attachmentRoot, file.Path[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(from, file.Path), destination, overwrite: true);
            if (++restored % 1000 == 0)
                request.Progress($"Restored {restored} attachment files…");
        }
        request.Progress($"Restored {restored} attachment files.");

        var ring = keys.Value.XmlRepository ?? throw new BackupException("The Data Protection key ring has no repository configured; the keys cannot be restored.");
        var keyPrefix = BackupManifest.KeysFolder + "/";
        foreach (var file in manifest.Files.Where(f => f.Path.StartsWith(keyPrefix, StringComparison.Ordinal)))
        {
            var element = XElement.Load(Path.Combine(from, file.Path));
            ring.StoreElement(element, "key-" + (element.Attribute("id")?.Value ?? Path.GetFileNameWithoutExtension(file.Path)));
        }
        request.Progress($"Restored {manifest.Keys} Data Protection keys. Start the app: it applies any newer migrations first.");
        return new BackupSummary(manifest.Tickets, manifest.Attachments);
    }

    /// <summary>--force: empties the folder, as a restore into an empty one finds it (the operator asked for exactly this).</summary>
    private static void Clear(string place, Action<string> progress)
    {
        progress($"--force: replacing the contents of {place}…");
        foreach (var entry in Directory.EnumerateFileSystemEntries(place))
        {
            if (Directory.Exists(entry))
                Directory.Delete(entry, recursive: true);
            else
                File.Delete(entry);
        }
    }
}
