namespace Suppuo.Core.CannedResponses;

/// <summary>A workspace's saved reply (W23): an agent types `/` and its shortcut in the composer to insert it.</summary>
public class CannedResponse
{
    public const int ShortcutMaxLength = 40;
    public const int TextMaxLength = 5_000;
    public const int MaxFiles = 10;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>Unique in the workspace, compared as written (stored lowercased).</summary>
    public string Shortcut { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<CannedResponseFile> Files { get; set; } = [];
}

/// <summary>A file sent with a canned response: its bytes are in the attachment store, copied into each message that uses it.</summary>
public class CannedResponseFile
{
    public int Id { get; set; }
    public int CannedResponseId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public string StorageKey { get; set; } = "";
}

public sealed record CannedResponseDto(int Id, string Shortcut, string Text, IReadOnlyList<CannedFileDto> Files);

public sealed record CannedFileDto(int Id, string FileName, string ContentType, long Size);

public static class CannedResponseMapping
{
    public static CannedResponseDto ToDto(this CannedResponse canned) => new(canned.Id, canned.Shortcut, canned.Text,
        canned.Files.OrderBy(f => f.Id).Select(f => new CannedFileDto(f.Id, f.FileName, f.ContentType, f.Size)).ToList());
}
