using System.Security.Cryptography;
using System.Text;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// What a key may do (W26): <see cref="Read"/> only GETs; <see cref="Write"/> also tickets and messages, but no changes to
/// channels, settings, agents or keys; <see cref="Admin"/> everything. Keys made before scopes existed are admin keys.
/// </summary>
public enum ApiKeyScope { Read, Write, Admin }

/// <summary>A workspace's key for /api/v1. Only its SHA-256 is stored; the key itself is shown once.</summary>
public class ApiKey
{
    public const string Prefix = "sk_";

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the key, so an admin can tell keys apart.</summary>
    public string Hint { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public ApiKeyScope Scope { get; set; } = ApiKeyScope.Admin;
    /// <summary>When the key last authenticated a request, to within <see cref="LastUsedPrecision"/>.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>How stale <see cref="LastUsedAt"/> may be: recording every request would be a write per API call.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // A key is 256 random bits, so a plain hash is enough; a slow password hash would only slow every request.
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
