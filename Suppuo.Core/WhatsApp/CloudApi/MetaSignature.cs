using System.Security.Cryptography;
using System.Text;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>W4: `X-Hub-Signature-256` is `sha256=` + hex HMAC-SHA256 of the raw body bytes with the app secret (docs/providers.md, "Meta: signatures").</summary>
public static class MetaSignature
{
    public static bool IsValid(string appSecret, ReadOnlySpan<byte> rawBody, string? header)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) || header.Length != 7 + 64)
            return false;
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(header.AsSpan(7));
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), rawBody);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>For the handshake: compares a presented verify token without leaking its prefix through timing.</summary>
    public static bool SameToken(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
