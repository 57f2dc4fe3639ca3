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

    /// <summary>The body of a successful answer, refused when it is not a type WhatsApp sends or when more than <paramref name="maxBytes"/> arrive.</summary>
    public static async Task<DownloadOutcome> ReadAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!Types.Contains(type))
            return new DownloadOutcome.Failed($"Not stored: the file came as {(type.Length == 0 ? "an unknown type" : type)}, which WhatsApp does not send.");
        if (response.Content.Headers.ContentLength > maxBytes)
            return TooLarge(maxBytes);

        var content = new MemoryStream();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // The declared length may be absent or wrong: count what actually arrives.
            if (content.Length + read > maxBytes)
                return TooLarge(maxBytes);
            content.Write(buffer, 0, read);
        }
        content.Position = 0;
        return new DownloadOutcome.Downloaded(content, type.ToLowerInvariant());
    }

    private static DownloadOutcome TooLarge(long maxBytes) =>
        new DownloadOutcome.Failed($"Not stored: the file is larger than WhatsApp's {maxBytes / 1024 / 1024} MiB limit.");
}
