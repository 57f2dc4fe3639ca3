using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using static Suppuo.Core.WhatsApp.Twilio.TwilioForm;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// Twilio's inbound webhook as it arrived: the public URL it was sent to, every form field (all of them are signed)
/// and the `X-Twilio-Signature` header. Routed (W3), authenticated (W4), then stored through the one path in.
/// </summary>
public sealed record ReceiveTwilioWebhook(string PublicUrl, IReadOnlyDictionary<string, string> Form, string? Signature) : IRequest<IngestResult>;

public sealed class ReceiveTwilioWebhookHandler(SuppuoDbContext db, SecretProtector secrets, TwilioRoutes routes, IMediator mediator)
    : IRequestHandler<ReceiveTwilioWebhook, IngestResult>
{
    private const int MaxMedia = 10;

    public async Task<IngestResult> Handle(ReceiveTwilioWebhook request, CancellationToken cancellationToken)
    {
        var form = request.Form;
        var accountSid = Field(form, "AccountSid");
        var to = TwilioAddress.Phone(Field(form, "To"));
        var errors = new ValidationErrors();
        if (accountSid is null)
            errors.Add("AccountSid", "Is required.");
        if (to is null)
            errors.Add("To", "Must be the receiving WhatsApp number, such as whatsapp:+14155238886.");
        errors.ThrowIfAny();

        // W3: route on (AccountSid, To); the still-untrusted fields only choose whose token checks the signature.
        var route = routes.Find(accountSid!, to!);
        if (route is null || !TwilioSignature.IsValid(route.AuthToken, request.PublicUrl, form, request.Signature))
        {
            var connection = await db.WhatsAppConnections.AsNoTracking()
                .Where(c => c.Provider == WhatsAppProvider.Twilio && c.AccountSid == accountSid && c.PhoneNumber == to && c.DisconnectedAt == null)
                .Select(c => new { c.Id, c.WorkspaceId, c.EncryptedToken })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"No workspace has connected {to} on Twilio account {accountSid}.");
            route = routes.Remember(accountSid!, to!, connection.Id, connection.WorkspaceId, secrets.Unprotect(connection.EncryptedToken!));
            TwilioSignature.Ensure(route.AuthToken, request.PublicUrl, form, request.Signature, tokenOwner: "the connected account's");
        }

        return await mediator.Send(ParseMessage(form, route.WorkspaceId, route.ConnectionId), cancellationToken);
    }

    /// <summary>The authenticated payload as the one inbound message it describes.</summary>
    internal static ReceiveWhatsAppMessage ParseMessage(IReadOnlyDictionary<string, string> form, int workspaceId, int connectionId)
    {
        var errors = new ValidationErrors();
        var messageSid = Field(form, "MessageSid") ?? Field(form, "SmsMessageSid");
        if (messageSid is null || messageSid.Length > 64)
            errors.Add("MessageSid", "Is required: Twilio's id of the message.");

        var from = Field(form, "From");
        var phone = TwilioAddress.Phone(from);
        // W18: a customer with a username and no number comes as whatsapp:ID.… (or in ExternalUserId).
        var userId = TwilioAddress.UserId(Field(form, "ExternalUserId")) ?? (phone is null ? TwilioAddress.UserId(from) : null);
        if (phone is null && userId is null)
            errors.Add("From", $"'{from}' is neither a WhatsApp number (whatsapp:+6281234567890) nor a WhatsApp user id.");

        var mediaCount = 0;
        if (Field(form, "NumMedia") is { } numMedia && (!int.TryParse(numMedia, NumberStyles.None, CultureInfo.InvariantCulture, out mediaCount) || mediaCount > MaxMedia))
            errors.Add("NumMedia", $"Must be a whole number from 0 to {MaxMedia}.");
        var media = new List<InboundMedia>();
        for (var i = 0; i < mediaCount; i++)
        {
            if (Field(form, $"MediaUrl{i}") is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
                media.Add(new InboundMedia(url, Field(form, $"MediaContentType{i}")));
            else
                errors.Add($"MediaUrl{i}", "Is missing or not a URL.");
        }
        errors.ThrowIfAny();

        var (kind, text) = KindOf(form, media);
        return new ReceiveWhatsAppMessage(workspaceId, connectionId, messageSid!, phone, userId, Field(form, "ProfileName"), text, media, Kind: kind,
            QuotedProviderMessageId: Field(form, "OriginalRepliedMessageSid"));
    }

    /// <summary>
    /// W22: what the customer sent, from the fields Twilio adds to the plain text — a location (Body is empty), a tapped
    /// button (its title), a contact card (a vCard file) or other media.
    /// </summary>
    private static (MessageKind Kind, string? Text) KindOf(IReadOnlyDictionary<string, string> form, IReadOnlyList<InboundMedia> media)
    {
        var body = form.GetValueOrDefault("Body");
        if (Field(form, "Latitude") is { } latitude && Field(form, "Longitude") is { } longitude)
            return (MessageKind.Location, SharedKinds.Location(latitude, longitude, Field(form, "Label"), Field(form, "Address")));
        if (Field(form, "ButtonText") is { } button)
            return (MessageKind.Interactive, button);
        if (Field(form, "MessageType") is "button" or "interactive")
            return (MessageKind.Interactive, body);
        if (media.Count > 0)
            return (media.All(m => m.ContentType is { } type && type.Split(';')[0].Trim().ToLowerInvariant() is "text/vcard" or "text/x-vcard")
                ? MessageKind.Contacts : MessageKind.Media, body);
        return (MessageKind.Text, body);
    }
}
