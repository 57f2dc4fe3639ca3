using System.Security.Cryptography;
using System.Text.Json;

namespace Suppuo.Core.Operations;

/// <summary>
/// `manifest.json` of a backup (W25): what it holds and each file's SHA-256. Written last, inside a folder that gets its
/// final name only after it, so a backup with a manifest is a complete one; restore checks every file against it.
/// </summary>
public sealed record BackupManifest(int Format, DateTime CreatedAt, string Database, int Tickets, int Attachments, int Keys, List<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const string DatabaseFile = "suppuo.db";
    public const string AttachmentsFolder = "attachments";
    public const string KeysFolder = "keys";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BackupManifest? Parse(string json) => JsonSerializer.Deserialize<BackupManifest>(json, Json);

    /// <summary>The file's size and SHA-256, read as it is now.</summary>
    public static async Task<BackupFile> DescribeAsync(string root, string relativePath, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, relativePath);
        await using var file = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return new BackupFile(relativePath.Replace('\\', '/'), file.Length, Convert.ToHexStringLower(hash));
    }
}

public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>What `admin backup` and `admin restore` print (docs/contract.md, "Admin command line").</summary>
public sealed record BackupSummary(int Tickets, int Attachments);

/// <summary>A backup or restore that cannot go ahead, with what to do about it; the command line prints it and exits 1.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
