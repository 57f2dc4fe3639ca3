namespace Suppuo.Core.StatusPage;

/// <summary>
/// Which files an anonymous customer may upload. Files are served with nosniff and a sandbox CSP anyway, but an agent
/// may still open a saved file on their own machine: refuse what could run there or in a browser.
/// </summary>
public static class CustomerUploadRules
{
    private static readonly HashSet<string> RefusedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".xml", ".xsl",
        ".js", ".mjs", ".cjs", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".hta", ".ps1", ".psm1",
        ".exe", ".dll", ".com", ".scr", ".msi", ".msp", ".bat", ".cmd", ".pif", ".cpl", ".reg", ".lnk",
        ".jar", ".apk", ".app", ".dmg", ".pkg", ".deb", ".rpm", ".sh", ".bash", ".php", ".py", ".pl", ".rb",
    };

    private static readonly string[] RefusedTypePrefixes =
    [
        "text/html", "application/xhtml", "image/svg", "text/xml", "application/xml",
        "application/javascript", "text/javascript", "application/ecmascript", "text/ecmascript",
        "application/x-msdownload", "application/x-msdos-program", "application/x-ms-installer", "application/x-msi",
        "application/vnd.microsoft.portable-executable", "application/x-executable", "application/x-sh", "application/hta",
        "application/java-archive", "application/vnd.android.package-archive",
    ];

    /// <summary>Why this file is refused, in words a customer understands; null when it may be uploaded.</summary>
    public static string? RefusalFor(string? fileName, string? contentType)
    {
        var extension = Path.GetExtension((fileName ?? "").Trim().TrimEnd('.'));
        var type = (contentType ?? "").Trim();
        if (RefusedExtensions.Contains(extension) || RefusedTypePrefixes.Any(p => type.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return $"'{fileName}' cannot be sent: web pages, scripts and programs are not accepted. Send a photo, a PDF or a document instead.";
        return null;
    }
}
