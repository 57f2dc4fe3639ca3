using System.Security.Cryptography;

namespace Suppuo.Core.Tickets;

public static class StatusToken
{
    /// <summary>128 random bits, URL-safe: a customer's status link must not be guessable.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
