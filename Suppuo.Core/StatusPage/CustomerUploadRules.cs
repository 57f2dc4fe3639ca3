using System.IO.Compression;
using System.Text;
using Suppuo.Core.Common;

namespace Suppuo.Core.StatusPage;

/// <summary>A customer's file, checked: the content type its bytes show, or why it is refused.</summary>
public sealed record UploadVerdict(string? ContentType, long Length, string? Refusal)
{
    public bool Accepted => Refusal is null;
}

/// <summary>
/// Which files an anonymous customer may upload (W26). The type is decided by the file's content against an allow-list
/// — photos, PDF, Office documents, plain text, audio, video — never by the name or the type the browser declared,
/// which an attacker chooses. Files are served with nosniff and a sandbox CSP anyway, but an agent may still open a
/// saved file on their own machine. The name's extension must be one these types use, so a photo never arrives
/// named .exe.
/// </summary>
public static class CustomerUploadRules
{
    private const int HeaderBytes = 64;

    /// <summary>Text files are only accepted under these names (or none): any text named .html would be a web page.</summary>
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { "", ".txt", ".text", ".csv", ".log", ".md" };

    private static readonly HashSet<string> AllowedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "", ".jpg", ".jpeg", ".jfif", ".png", ".gif", ".webp", ".heic", ".heif", ".pdf",
        ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt", ".txt", ".text", ".csv", ".log", ".md",
        ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".amr", ".wav", ".mp4", ".m4v", ".3gp", ".3g2", ".mov", ".webm",
    };

    /// <summary>
    /// Reads the whole file once, counting its bytes (never past <paramref name="maxBytes"/>), and decides what it is;
    /// a refusal is worded in <paramref name="text"/>'s language, the workspace's (W24).
    /// </summary>
    public static async Task<UploadVerdict> InspectAsync(
        string? fileName, Stream content, long maxBytes, CustomerText text, CancellationToken cancellationToken)
    {
        var name = (fileName ?? "").Trim().TrimEnd('.');
        var extension = Path.GetExtension(name);
        if (!AllowedExtensions.Contains(extension))
            return Refused(fileName, text);

        var header = new byte[HeaderBytes];
        var headerLength = 0;
        long length = 0;
        var utf8 = new Utf8Check();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
                return new UploadVerdict(null, length, text.FileTooLarge(fileName, maxBytes / 1024 / 1024));
            var copy = Math.Min(read, HeaderBytes - headerLength);
            if (copy > 0)
            {
                Array.Copy(buffer, 0, header, headerLength, copy);
                headerLength += copy;
            }
            utf8.Feed(buffer.AsSpan(0, read));
        }
        if (length == 0)
            return new UploadVerdict(null, 0, text.FileEmpty(fileName));

        var type = BinaryType(header.AsSpan(0, headerLength), extension);
        if (type == Zip)
            type = content.CanSeek ? OfficeOpenXmlType(content, extension) : null;
        if (type is null && utf8.IsValidText() && TextExtensions.Contains(extension))
            type = "text/plain; charset=utf-8";
        return type is null ? Refused(fileName, text) with { Length = length } : new UploadVerdict(type, length, null);
    }

    private const string Zip = "zip";

    private static UploadVerdict Refused(string? fileName, CustomerText text) => new(null, 0, text.FileRefused(fileName));

    /// <summary>The type its leading bytes (magic numbers) show, from the allow-list only.</summary>
    private static string? BinaryType(ReadOnlySpan<byte> h, string extension)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return "image/gif";
        if (h.StartsWith("%PDF-"u8)) return "application/pdf";
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WAVE"u8)) return "audio/wav";
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8)) return IsoMediaType(Encoding.ASCII.GetString(h[8..12]));
        if (h.StartsWith("OggS"u8)) return "audio/ogg";
        if (h.StartsWith("#!AMR"u8)) return "audio/amr";
        if (h.StartsWith("ID3"u8)) return "audio/mpeg";
        if (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xF6) == 0xF0) return "audio/aac"; // ADTS
        if (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0) return "audio/mpeg"; // an MPEG audio frame
        if (h.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return "video/webm";
        if (h.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])) return Zip;
        // An OLE compound file is also an installer (.msi): only the legacy Office names are taken.
        if (h.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return extension.ToLowerInvariant() switch
            {
                ".doc" => "application/msword",
                ".xls" => "application/vnd.ms-excel",
                ".ppt" => "application/vnd.ms-powerpoint",
                _ => null,
            };
        return null;
    }

    /// <summary>An ISO base media file (MP4 family) by its major brand: HEIC photos, M4A audio, 3GP/MP4/MOV video.</summary>
    private static string IsoMediaType(string brand) => brand switch
    {
        "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" => "image/heic",
        "M4A " or "M4B " or "M4P " => "audio/mp4",
        "qt  " => "video/quicktime",
        _ when brand.StartsWith("3gp", StringComparison.Ordinal) || brand.StartsWith("3gg", StringComparison.Ordinal) => "video/3gpp",
        _ when brand.StartsWith("3g2", StringComparison.Ordinal) => "video/3gpp2",
        _ => "video/mp4",
    };

    /// <summary>A zip is an Office document only with [Content_Types].xml, its main part, and no macros.</summary>
    private static string? OfficeOpenXmlType(Stream content, string extension)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml") || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return null;
            return extension.ToLowerInvariant() switch
            {
                ".docx" when names.Contains("word/document.xml") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" when names.Contains("xl/workbook.xml") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".pptx" when names.Contains("ppt/presentation.xml") => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Plain text: strictly valid UTF-8, read in pieces, with no NUL (which only binary files hold).</summary>
    private sealed class Utf8Check
    {
        private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        private readonly char[] _chars = new char[81920 + 4];
        private bool _valid = true;

        public void Feed(ReadOnlySpan<byte> bytes)
        {
            if (!_valid)
                return;
            if (bytes.Contains((byte)0))
            {
                _valid = false;
                return;
            }
            try
            {
                _decoder.GetChars(bytes, _chars, flush: false);
            }
            catch (DecoderFallbackException)
            {
                _valid = false;
            }
        }

        public bool IsValidText()
        {
            if (!_valid)
                return false;
            try
            {
                _decoder.GetChars(ReadOnlySpan<byte>.Empty, _chars, flush: true); // a sequence cut off at the end is invalid too
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }
}
