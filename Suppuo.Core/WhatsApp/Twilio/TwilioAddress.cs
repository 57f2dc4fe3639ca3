using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>Twilio's WhatsApp addresses: `whatsapp:+6281234567890`, or `whatsapp:ID.…` for a customer with no number (W18).</summary>
public static class TwilioAddress
{
    private const string Prefix = "whatsapp:";

    public static string? Phone(string? address)
    {
        var value = StripPrefix(address);
        return Common.PhoneNumber.IsE164(value) ? value : null;
    }

    /// <summary>A business-scoped user id such as `ID.4566…` (country code, dot, letters and digits), never a phone.</summary>
    public static string? UserId(string? address)
    {
        var value = StripPrefix(address);
        if (value is null || value.Length is < 4 or > 160)
            return null;
        var dot = value.IndexOf('.');
        return dot is 2 && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1])
            && value[3..].All(char.IsAsciiLetterOrDigit) && value.Length > 3
            ? value
            : null;
    }

    /// <summary>The address of a phone (E.164) or of a WhatsApp user id.</summary>
    public static string For(string phoneOrUserId) => Prefix + phoneOrUserId;

    private static string? StripPrefix(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var value = address.Trim();
        return value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? value[Prefix.Length..] : value;
    }
}
