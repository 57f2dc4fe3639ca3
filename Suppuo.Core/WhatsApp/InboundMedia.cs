using Suppuo.Core.Attachments;
using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp;

/// <summary>A file the customer sent: where the provider keeps it (Twilio media URL, Meta media id) and its type.</summary>
public sealed record InboundMedia(string Source, string? ContentType, string? FileName = null)
{
    /// <summary>
    /// W8: named by kind and position (`photo-1.jpg`, `voice-1.ogg`, …), or the provider's own file name, cut to what the
    /// column holds with its extension kept (W26).
    /// </summary>
    public string AttachmentName(int position)
    {
        if (!string.IsNullOrWhiteSpace(FileName) && Path.GetFileName(FileName.Replace('\\', '/')) is { Length: > 0 } name)
            return TextBounds.FileName(name, Attachment.FileNameMaxLength);
        var type = (ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var (kind, extension) = type switch
        {
            "image/jpeg" => ("photo", "jpg"),
            "image/png" => ("photo", "png"),
            "image/webp" => ("sticker", "webp"),
            "audio/ogg" => ("voice", "ogg"),
            "audio/mpeg" => ("audio", "mp3"),
            "audio/amr" => ("audio", "amr"),
            "audio/aac" => ("audio", "aac"),
            "audio/mp4" => ("audio", "m4a"),
            "audio/3gpp" => ("audio", "3gp"),
            "video/mp4" => ("video", "mp4"),
            "video/3gpp" => ("video", "3gp"),
            "application/pdf" => ("document", "pdf"),
            "application/msword" => ("document", "doc"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ("document", "docx"),
            "application/vnd.ms-excel" => ("document", "xls"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ("document", "xlsx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation" => ("document", "pptx"),
            "text/plain" => ("document", "txt"),
            "text/vcard" or "text/x-vcard" => ("contact", "vcf"),
            _ when type.StartsWith("image/", StringComparison.Ordinal) => ("photo", "bin"),
            _ when type.StartsWith("audio/", StringComparison.Ordinal) => ("audio", "bin"),
            _ when type.StartsWith("video/", StringComparison.Ordinal) => ("video", "bin"),
            _ => ("document", "bin"),
        };
        return $"{kind}-{position}.{extension}";
    }
}
