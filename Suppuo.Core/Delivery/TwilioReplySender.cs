using Suppuo.Core.WhatsApp.Twilio;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using PhoneNumber = Twilio.Types.PhoneNumber;

namespace Suppuo.Core.Delivery;

/// <summary>
/// One WhatsApp message to one customer — a reply's text, or one of its files by a public link (W14) — from a
/// workspace's Twilio number with that workspace's own client (W10). The customer is a phone or a WhatsApp user id (W18).
/// </summary>
public sealed record TwilioReply(ITwilioRestClient Client, string FromNumber, string To, string Body, string StatusCallback, string? MediaUrl = null);

/// <summary>Sends replies through the real Twilio SDK, and finds one that may already have gone out (§2b, ambiguous sends).</summary>
public sealed class TwilioReplySender
{
    // Messages Twilio already failed are not "already sent": they may be sent again.
    private static readonly HashSet<string> NotSent = ["failed", "undelivered", "canceled"];

    public async Task<SendOutcome> SendAsync(TwilioReply reply)
    {
        try
        {
            var message = await MessageResource.CreateAsync(
                to: new PhoneNumber(TwilioAddress.For(reply.To)),
                from: new PhoneNumber(TwilioAddress.For(reply.FromNumber)),
                // One file per WhatsApp message: a file goes without text, the text as a message of its own.
                body: reply.MediaUrl is null ? reply.Body : null,
                mediaUrl: reply.MediaUrl is null ? null : [new Uri(reply.MediaUrl)],
                statusCallback: new Uri(reply.StatusCallback),
                client: reply.Client);
            return new SendOutcome.Accepted(message.Sid);
        }
        catch (ApiException error)
        {
            return TwilioErrors.OfSend(error);
        }
        catch (ApiConnectionException error)
        {
            return TwilioErrors.OfConnection(error);
        }
    }

    /// <summary>
    /// The id of this reply if an earlier, unanswered attempt did reach Twilio: same sender, customer and body (a file's
    /// message has none), created since that attempt began, and not the message of another delivery. Throws when Twilio
    /// cannot be asked.
    /// </summary>
    public async Task<string?> FindSentAsync(TwilioReply reply, DateTime attemptStartedAt, IReadOnlySet<string> otherDeliveries)
    {
        // Clocks differ between us and Twilio; a minute of slack still excludes replies made before this attempt.
        var since = attemptStartedAt.AddMinutes(-1);
        var messages = await MessageResource.ReadAsync(
            to: new PhoneNumber(TwilioAddress.For(reply.To)),
            from: new PhoneNumber(TwilioAddress.For(reply.FromNumber)),
            // Not filtered by DateSent: a message Twilio accepted but has not sent yet has none. The newest are enough.
            limit: 50,
            client: reply.Client);
        return messages
            .Where(m => (m.Body ?? "") == (reply.MediaUrl is null ? reply.Body : "") && !NotSent.Contains(m.Status?.ToString() ?? ""))
            .Where(m => TwilioTime.Utc(m.DateCreated ?? m.DateSent) is not { } created || created >= since)
            .Select(m => m.Sid)
            .FirstOrDefault(sid => !otherDeliveries.Contains(sid));
    }
}
