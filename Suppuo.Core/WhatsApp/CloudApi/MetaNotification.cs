using System.Globalization;
using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;

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
        var kind = MessageKind.Text;
        try
        {
            (kind, text) = TextOf(message, type, media);
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or ArgumentException)
        {
            // W26: stored, readable, never a retry loop and never a drop.
            media.Clear();
            kind = MessageKind.Text;
            text = $"[message could not be read: {error.Message}]";
        }
        var profileName = contact.ValueKind == JsonValueKind.Object ? Text(Object(contact, "profile"), "name") : null;
        var sentAt = SentAt(message);
        return new ReceiveWhatsAppMessage(workspaceId, connectionId, id, phone, userId, profileName, text, media, sentAt, Kind: kind,
            QuotedProviderMessageId: Text(Object(message, "context"), "id"));
    }

    /// <summary>W22: each type as the customer meant it — its kind, and text an agent reads without the provider's docs.</summary>
    private static (MessageKind Kind, string? Text) TextOf(JsonElement message, string type, List<InboundMedia> media) =>
        type switch
        {
            "text" => (MessageKind.Text, Text(Object(message, "text"), "body")),
            "image" or "video" or "audio" or "document" or "sticker" => (MessageKind.Media, Media(message, type, media)),
            "location" => (MessageKind.Location, Location(Object(message, "location"))),
            "contacts" => (MessageKind.Contacts, Contacts(message, media)),
            "interactive" => (MessageKind.Interactive, Interactive(Object(message, "interactive"))),
            "button" => (MessageKind.Interactive, Text(Object(message, "button"), "text") ?? Text(Object(message, "button"), "payload")),
            "order" => (MessageKind.Text, $"[order: {Array(Object(message, "order"), "product_items").Count()} item(s)] {Text(Object(message, "order"), "text")}".Trim()),
            "system" => (MessageKind.System, $"[system: {Text(Object(message, "system"), "body")}]"),
            // An edit of a message never stored: its new content, as a message of its own (W22).
            "edit" => TextOf(Object(Object(message, "edit"), "message"), Text(Object(Object(message, "edit"), "message"), "type") ?? "text", media),
            "unsupported" when Text(Object(message, "unsupported"), "type") == "edit"
                || Array(message, "errors").Any(e => Text(e, "code") == "131051" && Text(Object(message, "unsupported"), "type") is null or "edit")
                => (MessageKind.System, "The customer edited a message, but WhatsApp does not report edits on this number: ask them what changed if it matters."),
            _ => (MessageKind.Text, $"[unsupported message: {Text(Object(message, "unsupported"), "type") ?? type}]"),
        };

    /// <summary>
    /// W22: a reaction is no message of the thread but a change to the one it names; null for any other type, or a
    /// reaction that names no message (then it reads as an unsupported message).
    /// </summary>
    public static ReceiveReaction? ToReaction(JsonElement message, int workspaceId, int connectionId)
    {
        if (Text(message, "type") != "reaction" || Text(Object(message, "reaction"), "message_id") is not { } target)
            return null;
        return new ReceiveReaction(workspaceId, connectionId, target, Text(Object(message, "reaction"), "emoji"), SentAt(message));
    }

    /// <summary>W22: an edit or a delete of an earlier message (Coexistence numbers); null for any other type.</summary>
    public static ReceiveEdit? ToEdit(JsonElement message, int workspaceId, int connectionId)
    {
        var type = Text(message, "type");
        if (type is not ("edit" or "revoke") || Text(Object(message, type), "original_message_id") is not { } target)
            return null;
        string? text = null;
        if (type == "edit")
        {
            var inner = Object(Object(message, "edit"), "message");
            text = TextOf(inner, Text(inner, "type") ?? "text", []).Text;
        }
        return new ReceiveEdit(workspaceId, connectionId, target, text, type == "revoke", SentAt(message));
    }

    private static DateTime? SentAt(JsonElement message) =>
        // A time out of DateTime's range is no time at all, not an error.
        long.TryParse(Text(message, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;

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

    private static string Location(JsonElement location) =>
        SharedKinds.Location(Text(location, "latitude"), Text(location, "longitude"), Text(location, "name"), Text(location, "address"));

    /// <summary>Names and numbers in the text, and the cards as a `.vcf` to save (W22); a card without a phone is still a name.</summary>
    private static string Contacts(JsonElement message, List<InboundMedia> media)
    {
        var cards = Array(message, "contacts").Select(card =>
        {
            var name = Object(card, "name");
            var parts = string.Join(" ", new[] { Text(name, "first_name"), Text(name, "last_name") }.OfType<string>());
            var fullName = Text(name, "formatted_name") ?? (parts.Length > 0 ? parts : null);
            var phones = Array(card, "phones").Where(p => (Text(p, "phone") ?? Text(p, "wa_id")) is not null)
                .Select(p => (Text(p, "phone") ?? "+" + Text(p, "wa_id"), Text(p, "wa_id"))).ToList();
            var emails = Array(card, "emails").Select(e => Text(e, "email")).OfType<string>().ToList();
            return new SharedKinds.ContactCard(fullName ?? phones.FirstOrDefault().Item1 ?? "?", phones, emails, Text(Object(card, "org"), "company"));
        }).ToList();
        if (cards.Count == 0)
            return "[contacts: none]";
        media.Add(SharedKinds.VCardMedia(cards));
        return SharedKinds.ContactsText(cards);
    }

    /// <summary>The title the customer tapped (button or list row); a flow's reply by its body.</summary>
    private static string Interactive(JsonElement interactive)
    {
        var type = Text(interactive, "type") ?? "button_reply";
        var reply = Object(interactive, type);
        return Text(reply, "title") ?? Text(reply, "body") ?? Text(reply, "id") ?? $"[{type}]";
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

}
