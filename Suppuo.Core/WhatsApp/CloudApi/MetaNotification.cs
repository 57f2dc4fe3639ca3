using System.Globalization;
using System.Text;
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
        var text = type switch
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
        var profileName = contact.ValueKind == JsonValueKind.Object ? Text(Object(contact, "profile"), "name") : null;
        var sentAt = long.TryParse(Text(message, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : (DateTime?)null;
        return new ReceiveWhatsAppMessage(workspaceId, connectionId, id, phone, userId, profileName, text, media, sentAt);
    }

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
                JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    // Coordinates come as numbers, sometimes as strings: show them as sent.
    private static string Number(JsonElement element, string name) => Text(element, name) ?? "?";
}
