namespace Suppuo.Core.Attachments;

/// <summary>Where attachment bytes live; the database holds only their metadata.</summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Stores the bytes as they are read from <paramref name="content"/> (never all in memory) and returns the key to read
    /// them back. Nothing is kept when reading fails part way.
    /// </summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Removes stored bytes that turned out unwanted (a checksum that does not match).</summary>
    void Delete(string storageKey);

    /// <summary>Opens the bytes for reading, or null when they are gone.</summary>
    Stream? OpenRead(string storageKey);

    /// <summary>Removes the bytes of a file no row refers to (a failed commit); a missing file is no error.</summary>
    void Delete(string storageKey);
}
