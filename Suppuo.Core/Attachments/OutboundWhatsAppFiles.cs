namespace Suppuo.Core.Attachments;

/// <summary>How an agent's file travels over WhatsApp: as Meta's message type of that name (docs/providers.md, "Meta: sending").</summary>
public enum WhatsAppFileKind { Image, Video, Audio, Document }

/// <summary>
/// Which of an agent's files WhatsApp takes (W14). One conservative rule set for both providers, so that a reply
/// behaves the same whichever number is connected: Meta's types, and Twilio's 16 MB per message (images 5 MB) even
/// where Meta would take a 100 MB document. See docs/decisions/006-agent-files-over-whatsapp.md.
/// </summary>
public static class OutboundWhatsAppFiles
{
    private const long Megabyte = 1_000_000; // WhatsApp's limits are decimal megabytes: stay under them
    public const long MaxImageBytes = 5 * Megabyte;
    public const long MaxFileBytes = 16 * Megabyte;

    private static readonly Dictionary<string, WhatsAppFileKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = WhatsAppFileKind.Image,
        ["image/png"] = WhatsAppFileKind.Image,
        ["video/mp4"] = WhatsAppFileKind.Video,
        ["video/3gpp"] = WhatsAppFileKind.Video,
        ["audio/aac"] = WhatsAppFileKind.Audio,
        ["audio/amr"] = WhatsAppFileKind.Audio,
        ["audio/mpeg"] = WhatsAppFileKind.Audio,
        ["audio/mp4"] = WhatsAppFileKind.Audio,
        ["audio/ogg"] = WhatsAppFileKind.Audio,
        ["application/pdf"] = WhatsAppFileKind.Document,
        ["text/plain"] = WhatsAppFileKind.Document,
        ["application/msword"] = WhatsAppFileKind.Document,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = WhatsAppFileKind.Document,
        ["application/vnd.ms-excel"] = WhatsAppFileKind.Document,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = WhatsAppFileKind.Document,
        ["application/vnd.ms-powerpoint"] = WhatsAppFileKind.Document,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = WhatsAppFileKind.Document,
    };

    /// <summary>The kind WhatsApp sends a file of this content type as, or null when it takes no such file.</summary>
    public static WhatsAppFileKind? KindOf(string contentType) =>
        Kinds.TryGetValue(contentType.Split(';')[0].Trim(), out var kind) ? kind : null;

    /// <summary>Why this file cannot go over WhatsApp, in words for the agent; null when it can.</summary>
    public static string? WhyNotSent(string fileName, string contentType, long size)
    {
        const string stillOnStatusPage = " — the customer can still download it from their status page.";
        if (KindOf(contentType) is not { } kind)
            return $"{fileName} not sent over WhatsApp: the type {contentType} is not supported{stillOnStatusPage}";
        var limit = kind == WhatsAppFileKind.Image ? MaxImageBytes : MaxFileBytes;
        if (size > limit)
            return FormattableString.Invariant($"{fileName} not sent over WhatsApp: {size / (double)Megabyte:0.#} MB is over the {limit / Megabyte} MB limit for {Plural(kind)}{stillOnStatusPage}");
        return null;
    }

    private static string Plural(WhatsAppFileKind kind) => kind switch
    {
        WhatsAppFileKind.Image => "images",
        WhatsAppFileKind.Video => "videos",
        WhatsAppFileKind.Audio => "audio",
        _ => "documents",
    };
}
