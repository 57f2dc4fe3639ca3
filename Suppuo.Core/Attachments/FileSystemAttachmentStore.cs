namespace Suppuo.Core.Attachments;

/// <summary>Keeps each attachment as one file named by a random key under a folder.</summary>
public sealed class FileSystemAttachmentStore(string rootPath) : IAttachmentStore
{
    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        try
        {
            await using (var file = File.Create(temporary))
                await content.CopyToAsync(file, cancellationToken);
        }
        catch
        {
            File.Delete(temporary); // a download that broke off or grew too large leaves nothing behind
            throw;
        }
        File.Move(temporary, path);
        return key;
    }

    public void Delete(string storageKey)
    {
        if (storageKey.Length == 32 && storageKey.All(char.IsAsciiHexDigitLower))
            File.Delete(PathOf(storageKey));
    }

    public Stream? OpenRead(string storageKey)
    {
        if (storageKey.Length != 32 || !storageKey.All(char.IsAsciiHexDigitLower))
            return null;
        var path = PathOf(storageKey);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    // Two-character fan-out keeps any one folder small on a busy install.
    private string PathOf(string key) => Path.Combine(rootPath, key[..2], key);
}
