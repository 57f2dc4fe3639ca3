using System.Text.RegularExpressions;

namespace Suppuo.Core.Common;

public static partial class PhoneNumber
{
    /// <summary>True for an E.164 number such as +6281234567890; a WhatsApp user id never passes (W18).</summary>
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();
}
