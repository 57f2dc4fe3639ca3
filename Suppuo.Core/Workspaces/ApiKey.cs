using System.Security.Cryptography;
using System.Text;

namespace Suppuo.Core.Workspaces;

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

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // A key is 256 random bits, so a plain hash is enough; a slow password hash would only slow every request.
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
