namespace Suppuo.Core.Attachments;

/// <summary>What one attempt to download an inbound file came to.</summary>
public abstract record DownloadOutcome
{
    public sealed record Downloaded(string StorageKey, long Size, string ContentType) : DownloadOutcome;

    /// <summary>Worth trying again later (network, 5xx, 429, a timeout).</summary>
    public sealed record Retry(string Reason) : DownloadOutcome;

    /// <summary>Will not work by trying again; <see cref="Health"/> flags the connection when its credentials stopped working (W16).</summary>
    public sealed record Failed(string Reason, string? Health = null) : DownloadOutcome;
}
