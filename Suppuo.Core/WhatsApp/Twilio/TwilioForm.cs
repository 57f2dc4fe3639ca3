namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>The fields of a Twilio webhook form, as inbound messages and status callbacks both read them.</summary>
internal static class TwilioForm
{
    /// <summary>The trimmed value, or null when the field is absent or blank: both mean Twilio has nothing to say.</summary>
    public static string? Field(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
