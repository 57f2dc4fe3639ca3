using System.Globalization;
using System.Security.Cryptography;

namespace Suppuo.Core.Tickets;

public static class StatusToken
{
    /// <summary>
    /// The time it was made (Unix seconds, 8 hex digits), then 128 random bits, URL-safe. The random bits are what make
    /// a customer's status link unguessable; the time in front makes new tokens land side by side in their unique
    /// index. Random alone, every new ticket wrote one more page of that index to SQLite's log: half of what a batch of
    /// new tickets wrote (bench: ingest, docs/decisions/009).
    /// </summary>
    public static string New() => New(DateTimeOffset.UtcNow);

    internal static string New(DateTimeOffset at) =>
        at.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture)
        + Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
