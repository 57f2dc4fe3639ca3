using Microsoft.AspNetCore.Identity;

namespace Suppuo.Core.Workspaces;

internal static class IdentityErrors
{
    /// <summary>Identity's error codes turned into the request's field names: password rules on one field, the rest on the email.</summary>
    public static Dictionary<string, string[]> ByField(IdentityResult result, string passwordField, string emailField) =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : emailField)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    /// <summary>Identity's own uniqueness check, which also catches a duplicate that slipped past ours in a race.</summary>
    public static bool IsDuplicate(IdentityResult result) =>
        result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

    public static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Identity refused the change: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
