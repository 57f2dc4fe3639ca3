using System.Globalization;
using System.Text;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The readable text of the message kinds both providers deliver (W22): a shared location with its map link, and
/// contact cards with the `.vcf` file agents can save. The same words whichever provider brought them.
/// </summary>
public static class SharedKinds
{
    /// <summary>
    /// Name, address, coordinates and an OpenStreetMap link (no API key needed). Coordinates come as numbers or as
    /// strings; ones that are not coordinates are shown as sent, without a link.
    /// </summary>
    public static string Location(string? latitude, string? longitude, string? name, string? address)
    {
        var text = new StringBuilder("📍 ");
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(name)) lines.Add(name.Trim());
        if (!string.IsNullOrWhiteSpace(address)) lines.Add(address.Trim());
        if (Coordinate(latitude, 90) is { } lat && Coordinate(longitude, 180) is { } lon)
        {
            var (la, lo) = (lat.ToString("0.######", CultureInfo.InvariantCulture), lon.ToString("0.######", CultureInfo.InvariantCulture));
            lines.Add($"{la}, {lo}");
            lines.Add(MapLink(la, lo));
        }
        else
            lines.Add($"{latitude ?? "?"}, {longitude ?? "?"}");
        return text.Append(string.Join("\n", lines)).ToString();
    }

    public static string MapLink(string latitude, string longitude) =>
        $"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=17/{latitude}/{longitude}";

    private static double? Coordinate(string? value, double limit) =>
        double.TryParse(value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) <= limit && double.IsFinite(number)
            ? number
            : null;

    /// <summary>One shared contact: its name and whatever it carries.</summary>
    public sealed record ContactCard(string Name, IReadOnlyList<(string Number, string? WaId)> Phones, IReadOnlyList<string> Emails, string? Organization);

    /// <summary>One line per card, "👤 Name: +62…, +62…"; a card without a phone is its name alone.</summary>
    public static string ContactsText(IReadOnlyList<ContactCard> cards) =>
        string.Join("\n", cards.Select(card =>
            card.Phones.Count == 0 ? $"👤 {card.Name}" : $"👤 {card.Name}: {string.Join(", ", card.Phones.Select(p => p.Number))}"));

    /// <summary>The cards as a vCard 3.0 file, which phones and address books import.</summary>
    public static string VCard(IReadOnlyList<ContactCard> cards)
    {
        var text = new StringBuilder();
        foreach (var card in cards)
        {
            text.Append("BEGIN:VCARD\r\nVERSION:3.0\r\n");
            text.Append("FN:").Append(Escape(card.Name)).Append("\r\n");
            text.Append("N:").Append(Escape(card.Name)).Append(";;;;\r\n");
            if (card.Organization is { } org) text.Append("ORG:").Append(Escape(org)).Append("\r\n");
            foreach (var (number, waId) in card.Phones)
                text.Append("TEL;TYPE=CELL").Append(waId is null ? "" : ";waid=" + Escape(waId)).Append(':').Append(Escape(number)).Append("\r\n");
            foreach (var email in card.Emails)
                text.Append("EMAIL:").Append(Escape(email)).Append("\r\n");
            text.Append("END:VCARD\r\n");
        }
        return text.ToString();
    }

    /// <summary>The `.vcf` as a file the media job stores without a download: it came inside the message.</summary>
    public static InboundMedia VCardMedia(IReadOnlyList<ContactCard> cards) =>
        new(InlineMedia.DataUri("text/vcard", Encoding.UTF8.GetBytes(VCard(cards))), "text/vcard", cards.Count == 1 ? $"{FileSafe(cards[0].Name)}.vcf" : "contacts.vcf");

    private static string FileSafe(string name)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_').ToArray()).Trim();
        return safe.Length == 0 ? "contact" : safe;
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(",", "\\,").Replace(";", "\\;").Replace("\r", "").Replace("\n", "\\n");
}

/// <summary>Files that arrive inside the message itself (a contact card's `.vcf`): a `data:` URI as their source.</summary>
public static class InlineMedia
{
    private const string Prefix = "data:";

    public static string DataUri(string contentType, byte[] content) => $"{Prefix}{contentType};base64,{Convert.ToBase64String(content)}";

    public static bool IsInline(string? source) => source?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The bytes of a `data:…;base64,…` source, or null when it is not one.</summary>
    public static byte[]? Content(string source)
    {
        var comma = source.IndexOf(',');
        if (!IsInline(source) || comma < 0 || !source[..comma].EndsWith(";base64", StringComparison.Ordinal))
            return null;
        try
        {
            return Convert.FromBase64String(source[(comma + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
