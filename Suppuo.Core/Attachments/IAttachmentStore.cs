namespace Suppuo.Core.Attachments;

/// <summary>Where attachment bytes live; the database holds only their metadata.</summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Stores the bytes as they are read from <paramref name="content"/> (never all in memory) and returns the key to read
    /// them back. Nothing is kept when reading fails part way.
    /// </summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the bytes for reading, or null when they are gone.</summary>
    Stream? OpenRead(string storageKey);

    /// <summary>
    /// Removes bytes no row refers to, or that turned out unwanted: a failed commit, a checksum that does not match. A
    /// missing file is no error.
    /// </summary>
    void Delete(string storageKey);
}
