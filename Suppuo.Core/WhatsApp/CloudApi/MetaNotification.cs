using System.Globalization;
using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>Reading Meta's notification JSON (docs/providers.md, "Meta: notifications"): lenient, since Meta adds fields and types without notice.</summary>
public static class MetaNotification
{
    public sealed record MessageChange(string PhoneNumberId, IReadOnlyList<JsonElement> Messages, IReadOnlyList<JsonElement> Contacts, IReadOnlyList<JsonElement> Statuses);

    /// <summary>Every `messages` change of every entry that names a phone number ID.</summary>
    public static IEnumerable<MessageChange> MessageChanges(JsonElement root)
    {
        foreach (var entry in Array(root, "entry"))
            foreach (var change in Array(entry, "changes"))
            {
                if (Text(change, "field") != "messages" || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    continue;
                if (!value.TryGetProperty("metadata", out var metadata) || Text(metadata, "phone_number_id") is not { } phoneNumberId)
                    continue;
                yield return new MessageChange(phoneNumberId, Array(value, "messages").ToList(), Array(value, "contacts").ToList(), Array(value, "statuses").ToList());
            }
    }

    /// <summary>One inbound message for ingest; every type becomes readable text, and media become pending attachments (W9).</summary>
    public static ReceiveWhatsAppMessage? ToInbound(JsonElement message, IReadOnlyList<JsonElement> contacts, int workspaceId, int connectionId)
    {
        var id = Text(message, "id");
        var from = Text(message, "from");
        var userId = Text(message, "from_user_id") ?? Text(message, "user_id");
        var contact = contacts.FirstOrDefault(c => (from is not null && (Text(c, "wa_id") == from || Text(c, "user_id") == from))
            || (userId is not null && Text(c, "user_id") == userId));
        // W18: `from` may hold the user id itself — a BSUID, or one that happens to be all digits. Either way it is an
        // identity, never a phone.
        var fromIsUserId = from is not null && (from == userId || from == Text(contact, "user_id") || !from.All(char.IsAsciiDigit));
        var phone = from is not null && !fromIsUserId && PhoneNumber.IsE164("+" + from) ? "+" + from : null;
        if (fromIsUserId)
            userId ??= from;
        if (contact.ValueKind == JsonValueKind.Object)
            userId ??= phone is null ? Text(contact, "user_id") : null;
        if (id is null || (phone is null && userId is null))
            return null;

        var type = Text(message, "type") ?? "unknown";
        var media = new List<InboundMedia>();
        string? text;
        try
        {
            text = TextOf(message, type, media);
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or ArgumentException)
        {
            // W26: stored, readable, never a retry loop and never a drop.
            media.Clear();
            text = $"[message could not be read: {error.Message}]";
        }
        var profileName = contact.ValueKind == JsonValueKind.Object ? Text(Object(contact, "profile"), "name") : null;
        // A time out of DateTime's range is no time at all, not an error.
        var sentAt = long.TryParse(Text(message, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : (DateTime?)null;
        return new ReceiveWhatsAppMessage(workspaceId, connectionId, id, phone, userId, profileName, text, media, sentAt);
    }

    private static string? TextOf(JsonElement message, string type, List<InboundMedia> media) =>
        type switch
        {
            "text" => Text(Object(message, "text"), "body"),
            "image" or "video" or "audio" or "document" or "sticker" => Media(message, type, media),
            "location" => Location(Object(message, "location")),
            "contacts" => Contacts(message),
            "interactive" => Interactive(Object(message, "interactive")),
            "button" => $"[button: {Text(Object(message, "button"), "text")}]",
            "reaction" => Text(Object(message, "reaction"), "emoji") is { } emoji ? $"[reaction: {emoji}]" : "[reaction removed]",
            "order" => $"[order: {Array(Object(message, "order"), "product_items").Count()} item(s)] {Text(Object(message, "order"), "text")}".Trim(),
            "system" => $"[system: {Text(Object(message, "system"), "body")}]",
            _ => $"[unsupported message: {Text(Object(message, "unsupported"), "type") ?? type}]",
        };

    /// <summary>A receipt for one of our replies.</summary>
    public static Delivery.ReceiveCloudStatus? ToStatus(JsonElement status, int connectionId)
    {
        if (Text(status, "id") is not { } wamid)
            return null;
        var error = Array(status, "errors").FirstOrDefault();
        int? code = int.TryParse(Text(error, "code"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
        return new Delivery.ReceiveCloudStatus(connectionId, wamid, Text(status, "status"), code, Text(error, "title") ?? Text(error, "message"),
            Text(status, "biz_opaque_callback_data"));
    }

    private static string? Media(JsonElement message, string type, List<InboundMedia> media)
    {
        var item = Object(message, type);
        if (Text(item, "id") is { } mediaId)
            media.Add(new InboundMedia(mediaId, Text(item, "mime_type"), Text(item, "filename")));
        return Text(item, "caption");
    }

    private static string Location(JsonElement location)
    {
        var text = new StringBuilder("[location: ");
        text.Append(Number(location, "latitude")).Append(", ").Append(Number(location, "longitude"));
        if (Text(location, "name") is { } name) text.Append(' ').Append(name);
        if (Text(location, "address") is { } address) text.Append(", ").Append(address);
        return text.Append(']').ToString();
    }

    private static string Contacts(JsonElement message) =>
        string.Join("\n", Array(message, "contacts").Select(card =>
            $"[contact: {Text(Object(card, "name"), "formatted_name") ?? "?"} {string.Join(", ", Array(card, "phones").Select(p => Text(p, "phone")).Where(p => p is not null))}]".TrimEnd()));

    private static string Interactive(JsonElement interactive)
    {
        var reply = Object(interactive, Text(interactive, "type") ?? "button_reply");
        return $"[reply: {Text(reply, "title") ?? Text(reply, "id") ?? Text(interactive, "type")}]";
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => Readable(value) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>
    /// A JSON string as text, even when it holds invalid UTF-8 or a lone surrogate escape, which the parser lets through but
    /// cannot turn into a string: the bad bytes become U+FFFD. One unreadable field must never fail the whole
    /// notification, as Meta would redeliver it for days and the messages after it would never be stored (W26).
    /// </summary>
    private static string? Readable(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // Decoding replaces invalid UTF-8 with U+FFFD; the escapes (\n, \u00e9 …) are then read as JSON again.
            var repaired = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(value)));
            try
            {
                var reader = new Utf8JsonReader(repaired);
                reader.Read();
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate escape (\ud800): the raw text, without its quotes, still reads.
                return Encoding.UTF8.GetString(repaired)[1..^1];
            }
        }
    }

    // Coordinates come as numbers, sometimes as strings: show them as sent.
    private static string Number(JsonElement element, string name) => Text(element, name) ?? "?";
}
