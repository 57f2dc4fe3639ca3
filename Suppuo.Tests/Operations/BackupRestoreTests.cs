using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Suppuo.Tests.Support;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Operations;

/// <summary>W25: `admin backup --to DIR` while the app runs, `admin restore --from DIR` into an empty data directory.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // best effort: temp folders
    }

    private string TempFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        _folders.Add(folder);
        return folder;
    }

    private static async Task<(int Exit, string Out, string Error)> AdminAsync(string dataDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AdminCommandLine.RunAsync(args, output, error, new Dictionary<string, string?> { ["Suppuo:DataDirectory"] = dataDirectory });
        return (exit, output.ToString(), error.ToString());
    }

    private string NewFolder(string name) => Path.Combine(TempFolder("suppuo-backup-test-"), name);

    [Fact]
    public async Task W25_a_backup_taken_under_ingest_load_restores_every_ticket_attachment_and_working_twilio_credentials()
    {
        using var app = new SuppuoApp();
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, "+6281300000000", "Before the backup");
        var whatsAppTicket = (await workspace.TicketsOfAsync("+6281300000000")).Single().Int("id");
        var webTicket = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Invoice", channel = "web", requesterEmail = "c@example.test" })).Int("id");
        var invoice = Encoding.UTF8.GetBytes("Invoice 42: Rp 150.000");
        var attachment = (await workspace.ReplyWithFilesAsync(webTicket, "Your invoice", ("invoice.txt", "text/plain", invoice)))["attachments"]![0].Int("id");
        var before = await app.WithDbAsync(db => db.Tickets.Select(t => t.Id).ToListAsync());

        // Customers keep writing while the backup runs: the snapshot is whatever was committed at its moment.
        using var load = new CancellationTokenSource();
        var written = 0;
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !load.IsCancellationRequested; i++)
            {
                await app.SendWhatsAppAsync(number, $"+62814{writer}{i:D6}", $"Load {writer}/{i}");
                Interlocked.Increment(ref written);
            }
        })).ToList();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref written) >= 20, "the ingest load to start");
        var backup = NewFolder("backup");
        var (exit, output, error) = await AdminAsync(app.DataDirectory, "backup", "--to", backup);
        load.Cancel();
        await Task.WhenAll(writers);

        Assert.True(exit == 0, error);
        var printed = JsonNode.Parse(output.Trim())!;
        Assert.Equal(["tickets", "attachments"], printed.AsObject().Select(p => p.Key));
        var tickets = printed.Int("tickets");
        Assert.InRange(tickets, before.Count + 1, before.Count + Volatile.Read(ref written));
        Assert.Equal(1, printed.Int("attachments"));
        Assert.True(File.Exists(Path.Combine(backup, "manifest.json")));
        Assert.Contains("Backup complete", error); // progress on stderr

        var restoredData = TempFolder("suppuo-restored-");
        var restore = await AdminAsync(restoredData, "restore", "--from", backup);
        Assert.True(restore.Exit == 0, restore.Error);
        Assert.Equal(printed.ToJsonString(), JsonNode.Parse(restore.Out.Trim())!.ToJsonString());

        await using var restored = SuppuoApp.Over(restoredData, app.Twilio);
        var ids = await restored.WithDbAsync(db => db.Tickets.Select(t => t.Id).ToListAsync());
        Assert.Equal(tickets, ids.Count);
        Assert.Subset(ids.ToHashSet(), before.ToHashSet());

        var api = restored.CreateClient();
        api.DefaultRequestHeaders.Authorization = workspace.Api.DefaultRequestHeaders.Authorization; // the API key came back too
        Assert.Equal(invoice, await api.GetByteArrayAsync($"/api/v1/attachments/{attachment}"));

        // The Twilio auth token is stored encrypted: this send works only if the Data Protection keys came back.
        await api.PostJsonAsync($"/api/v1/tickets/{whatsAppTicket}/messages", new { body = "Sent from the restored install", @internal = false });
        await Eventually.WaitUntilAsync(() => app.Twilio.Messages.Any(m => m.Body == "Sent from the restored install" && m.AccountSid == number.AccountSid),
            "fake Twilio to receive the reply sent through the restored credentials");
    }

    [Fact]
    public async Task W25_restore_refuses_a_backup_whose_checksum_is_wrong_and_restores_nothing()
    {
        using var app = new SuppuoApp();
        await app.CreateWorkspaceAsync();
        var backup = NewFolder("backup");
        Assert.Equal(0, (await AdminAsync(app.DataDirectory, "backup", "--to", backup)).Exit);
        var key = Directory.EnumerateFiles(Path.Combine(backup, "keys")).First();
        await File.AppendAllTextAsync(key, "<!-- changed -->");

        var target = TempFolder("suppuo-restored-");
        var (exit, output, error) = await AdminAsync(target, "restore", "--from", backup);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("checksum", error);
        Assert.Contains(Path.GetFileName(key), error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task W25_restore_refuses_a_data_directory_in_use_unless_forced()
    {
        using var app = new SuppuoApp();
        var workspace = await app.CreateWorkspaceAsync();
        var backup = NewFolder("backup");
        Assert.Equal(0, (await AdminAsync(app.DataDirectory, "backup", "--to", backup)).Exit);

        var target = TempFolder("suppuo-restored-");
        await File.WriteAllTextAsync(Path.Combine(target, "suppuo.db"), "someone else's install");
        var refused = await AdminAsync(target, "restore", "--from", backup);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("someone else's install", await File.ReadAllTextAsync(Path.Combine(target, "suppuo.db")));

        var forced = await AdminAsync(target, "restore", "--from", backup, "--force");
        Assert.True(forced.Exit == 0, forced.Error);
        await using var restored = SuppuoApp.Over(target, app.Twilio);
        Assert.True(await restored.WithDbAsync(db => db.Workspaces.AnyAsync(w => w.Id == workspace.Id)));
    }

    [Fact]
    public async Task W25_a_backup_to_an_unwritable_target_fails_clearly_and_leaves_nothing_that_looks_complete()
    {
        using var app = new SuppuoApp();
        await app.CreateWorkspaceAsync();
        // A path under a regular file cannot be created, even by root.
        var blocker = NewFolder("not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        var target = Path.Combine(blocker, "backup");

        var (exit, output, error) = await AdminAsync(app.DataDirectory, "backup", "--to", target);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("cannot write the backup", error);
        Assert.False(Directory.Exists(target));

        // A folder that already holds something is never written into.
        var used = NewFolder("used");
        Directory.CreateDirectory(used);
        await File.WriteAllTextAsync(Path.Combine(used, "other.txt"), "x");
        var refused = await AdminAsync(app.DataDirectory, "backup", "--to", used);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("not empty", refused.Error);
        Assert.Equal(["other.txt"], Directory.EnumerateFileSystemEntries(used).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(used)!, ".used.partial-*"));
    }
}
