using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp;

/// <summary>A number's label (W19): at most 60 characters; blank means its display number.</summary>
public static class ChannelLabel
{
    public static void Validate(ValidationErrors errors, string? label) =>
        errors.MaxLength("label", label?.Trim(), WhatsAppConnection.LabelMaxLength);

    public static string Or(string? label, string fallback) =>
        string.IsNullOrWhiteSpace(label) ? TextBounds.Cut(fallback, WhatsAppConnection.LabelMaxLength) : label.Trim();
}
