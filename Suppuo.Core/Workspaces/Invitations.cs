using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Suppuo.Core.Common;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// An invitation (W26) is the invited user itself, not yet confirmed and without a password, plus one stored token:
/// the hash of the link's secret and its expiry, in Identity's user-token table. Accepting removes the token, so a
/// link works once; the user cannot sign in before (Identity's RequireConfirmedEmail).
/// </summary>
internal static class Invitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const string Path = "/account/invitation";

    private const string Provider = "Suppuo";
    private const string TokenName = "Invitation";

    public static string PathFor(string userId, string secret) => $"{Path}?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(secret)}";

    /// <summary>Stores a fresh invitation (replacing an earlier one) and returns the secret for the link.</summary>
    public static async Task<string> IssueAsync(UserManager<AppUser> users, AppUser user, DateTime now)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var expires = now + Lifetime;
        IdentityErrors.ThrowIfFailed(await users.SetAuthenticationTokenAsync(user, Provider, TokenName, $"{expires.Ticks}:{Hash(secret)}"));
        return secret;
    }

    /// <summary>The invited user, if the link is still good; else a message that says why and what to do.</summary>
    public static async Task<AppUser> CheckAsync(UserManager<AppUser> users, string? userId, string? secret, DateTime now)
    {
        var unusable = new ConflictException(
            "This invitation link was already used or is not valid. If you already set your password, sign in; otherwise ask your admin to invite you again.");
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(secret) || await users.FindByIdAsync(userId) is not { } user)
            throw unusable;
        var stored = await users.GetAuthenticationTokenAsync(user, Provider, TokenName);
        if (stored?.Split(':') is not [var ticks, var hash] || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresTicks)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(secret))))
            throw unusable;
        var expires = new DateTime(expiresTicks, DateTimeKind.Utc);
        if (expires < now)
            throw new ConflictException($"This invitation expired on {expires:d MMMM yyyy, HH:mm} UTC. Ask your admin to invite you again.");
        return user;
    }

    public static async Task UseAsync(UserManager<AppUser> users, AppUser user) =>
        IdentityErrors.ThrowIfFailed(await users.RemoveAuthenticationTokenAsync(user, Provider, TokenName));

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
