using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Suppuo.Core.Common;

namespace Suppuo.Core.Attachments;

/// <summary>
/// Short-lived public links to one attachment each, for a provider that fetches the file itself (Twilio's MediaUrl,
/// W14). The token is the attachment's workspace, id and expiry, encrypted and authenticated with the install's Data
/// Protection keys: unguessable, tamper-evident, and read back against our own clock so that expiry can be tested.
/// </summary>
public sealed class MediaLinks(IDataProtectionProvider protection, IPublicUrls urls, TimeProvider clock, IOptions<SuppuoOptions> options)
{
    public const string PathPrefix = "/media/";

    private readonly IDataProtector _protector = protection.CreateProtector("Suppuo.Attachments.MediaLinks.v1");
    private readonly TimeSpan _lifetime = options.Value.Attachments.MediaLinkLifetime;

    public sealed record Target(int WorkspaceId, int AttachmentId);

    public string UrlFor(int workspaceId, int attachmentId)
    {
        var expires = (clock.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        return urls.Absolute(PathPrefix + _protector.Protect(FormattableString.Invariant($"{workspaceId}:{attachmentId}:{expires}")));
    }

    /// <summary>The attachment a token opens, or null when it is tampered with, foreign or expired.</summary>
    public Target? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
            return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var workspaceId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var attachmentId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return null;
        return clock.GetUtcNow().ToUnixTimeSeconds() < expires ? new Target(workspaceId, attachmentId) : null;
    }
}
