namespace Suppuo.Core.Attachments;

/// <summary>What an inbound WhatsApp file may be, whichever provider it comes through (docs/providers.md, "Twilio: inbound media" and "Meta: media download").</summary>
public static class WhatsAppMedia
{
    public const long MaxBytes = 16 * 1024 * 1024;

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/webp",
        "audio/ogg", "audio/amr", "audio/3gpp", "audio/aac", "audio/mpeg", "audio/mp4",
        "video/mp4", "video/3gpp",
        "application/pdf", "text/plain", "text/vcard", "text/x-vcard",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>
    /// The body of a successful answer, streamed into <paramref name="store"/> while it is counted and hashed: documents
    /// reach 100 MB and four download at once, so none is held in memory. Refused when it is not a type WhatsApp sends,
    /// when more than <paramref name="maxBytes"/> arrive, or when it does not match <paramref name="expectedSha256"/>
    /// (lowercase hex or base64, as Meta gives it).
    /// </summary>
    public static async Task<DownloadOutcome> ReadAsync(HttpResponseMessage response, long maxBytes, IAttachmentStore store, string? expectedSha256,
        CancellationToken cancellationToken)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!Types.Contains(type))
            return new DownloadOutcome.Failed($"Not stored: the file came as {(type.Length == 0 ? "an unknown type" : type)}, which WhatsApp does not send.");
        if (response.Content.Headers.ContentLength > maxBytes)
            return TooLarge(maxBytes);

        await using var body = new MeteredStream(await response.Content.ReadAsStreamAsync(cancellationToken), maxBytes);
        string key;
        try
        {
            key = await store.SaveAsync(body, cancellationToken);
        }
        catch (MeteredStream.TooLongException)
        {
            return TooLarge(maxBytes);
        }
        var hash = body.Hash();
        if (expectedSha256 is { Length: > 0 } expected
            && !string.Equals(Convert.ToHexStringLower(hash), expected, StringComparison.OrdinalIgnoreCase) && Convert.ToBase64String(hash) != expected)
        {
            store.Delete(key);
            return new DownloadOutcome.Failed("Not stored: the file does not match the checksum Meta gave for it.");
        }
        return new DownloadOutcome.Downloaded(key, body.Count, type.ToLowerInvariant());
    }

    private static DownloadOutcome TooLarge(long maxBytes) =>
        new DownloadOutcome.Failed($"Not stored: the file is larger than WhatsApp's {maxBytes / 1024 / 1024} MiB limit.");
}
