using System.Xml.Linq;
using MediatR;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Suppuo.Core.Data;

namespace Suppuo.Core.Operations;

/// <summary>
/// `admin backup --to DIR` (W25), while the app runs or not: the SQLite database through SQLite's online backup API (a
/// consistent snapshot even with the app writing; a file copy of a live WAL database is not one), then the attachment
/// files (after the snapshot, so every file it names is there), the Data Protection key ring (without it no provider
/// secret in the database can be read), and a manifest. On PostgreSQL the database is pg_dump's job; this backs up the
/// files and keys. Everything is written into a temporary folder beside DIR that is renamed to DIR last: a backup that
/// failed or was interrupted never looks complete.
/// </summary>
public sealed record BackupInstall(string To, Action<string> Progress) : IRequest<BackupSummary>;

public sealed class BackupInstallHandler(SuppuoDbContext db, IOptions<SuppuoOptions> options, IOptions<KeyManagementOptions> keys, TimeProvider clock)
    : IRequestHandler<BackupInstall, BackupSummary>
{
    public async Task<BackupSummary> Handle(BackupInstall request, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(request.To);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new BackupException($"--to: {target} is not empty. Give a new folder: a backup never overwrites another.");
        var parent = Path.GetDirectoryName(target) ?? throw new BackupException($"--to: {target} cannot hold a backup; give a folder below it.");
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temporary);
            var manifest = await WriteAsync(temporary, request.Progress, cancellationToken);
            // Last, and only once everything it lists is written: the manifest, then the folder's real name.
            await File.WriteAllTextAsync(Path.Combine(temporary, BackupManifest.FileName), manifest.ToJson(), cancellationToken);
            if (Directory.Exists(target))
                Directory.Delete(target); // empty, checked above
            Directory.Move(temporary, target);
            request.Progress($"Backup complete in {target}: {manifest.Tickets} tickets, {manifest.Attachments} attachments, {manifest.Keys} keys.");
            return new BackupSummary(manifest.Tickets, manifest.Attachments);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or SqliteException)
        {
            TryDelete(temporary);
            throw new BackupException($"--to: cannot write the backup to {target} ({error.Message}). Check the folder is writable and has room; nothing was left there.", error);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private async Task<BackupManifest> WriteAsync(string folder, Action<string> progress, CancellationToken cancellationToken)
    {
        var files = new List<BackupFile>();
        int tickets, attachments;
        string database;
        if (db.Database.IsSqlite())
        {
            database = "sqlite";
            progress("Copying the database (SQLite online backup)…");
            var copy = Path.Combine(folder, BackupManifest.DatabaseFile);
            var live = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!File.Exists(live))
                throw new BackupException($"There is no database at {live}: check Suppuo:DataDirectory (or ConnectionStrings:Suppuo) names the install to back up.");
            (tickets, attachments) = await SnapshotSqliteAsync(db.Database.GetConnectionString()!, copy);
            files.Add(await BackupManifest.DescribeAsync(folder, BackupManifest.DatabaseFile, cancellationToken));
        }
        else
        {
            database = "postgresql";
            progress("PostgreSQL: back up the database itself with pg_dump (see the README, \"Backup and restore\"); copying files and keys.");
            tickets = await db.Tickets.CountAsync(cancellationToken);
            attachments = await db.Attachments.CountAsync(a => a.StorageKey != null, cancellationToken);
        }

        var attachmentRoot = options.Value.Attachments.Path!;
        if (Directory.Exists(attachmentRoot))
        {
            var copied = 0;
            foreach (var source in Directory.EnumerateFiles(attachmentRoot, "*", SearchOption.AllDirectories))
            {
                if (source.EndsWith(".partial", StringComparison.Ordinal))
                    continue; // a download still being written: its row is not in the snapshot as stored yet
                var relative = Path.Combine(BackupManifest.AttachmentsFolder, Path.GetRelativePath(attachmentRoot, source));
                var destination = Path.Combine(folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                try
                {
                    File.Copy(source, destination);
                }
                catch (FileNotFoundException)
                {
                    continue; // deleted since it was listed (a refused upload cleaned up): not in the snapshot either
                }
                files.Add(await BackupManifest.DescribeAsync(folder, relative, cancellationToken));
                if (++copied % 1000 == 0)
                    progress($"Copied {copied} attachment files…");
            }
            progress($"Copied {copied} attachment files.");
        }

        var ring = keys.Value.XmlRepository ?? throw new BackupException("The Data Protection key ring has no repository configured; nothing to back up the keys from.");
        var keyCount = 0;
        Directory.CreateDirectory(Path.Combine(folder, BackupManifest.KeysFolder));
        foreach (var element in ring.GetAllElements())
        {
            // Stored as the ring holds them: encrypted with the certificate when Suppuo:DataProtection:CertificatePath is set.
            var relative = Path.Combine(BackupManifest.KeysFolder, $"key-{++keyCount:D4}.xml");
            await using (var file = File.Create(Path.Combine(folder, relative)))
                await element.SaveAsync(file, SaveOptions.None, cancellationToken);
            files.Add(await BackupManifest.DescribeAsync(folder, relative, cancellationToken));
        }
        progress($"Copied {keyCount} Data Protection keys.");
        return new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow().UtcDateTime, database, tickets, attachments, keyCount, files);
    }

    /// <summary>The online backup into <paramref name="copy"/>, and what the copy holds: one snapshot, whatever the app writes meanwhile.</summary>
    private static async Task<(int Tickets, int Attachments)> SnapshotSqliteAsync(string connectionString, string copy)
    {
        var live = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var source = new SqliteConnection(live.ToString()))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            SqliteConnectionSetupInterceptor.Configure(source); // waits for the app's writer instead of failing with SQLITE_BUSY
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }
        await using var snapshot = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await snapshot.OpenAsync();
        return (await CountAsync(snapshot, "SELECT COUNT(*) FROM Tickets"), await CountAsync(snapshot, "SELECT COUNT(*) FROM Attachments WHERE StorageKey IS NOT NULL"));
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The disk is full or gone: the folder keeps its .partial name and no manifest, so it never passes for a backup.
        }
    }
}
