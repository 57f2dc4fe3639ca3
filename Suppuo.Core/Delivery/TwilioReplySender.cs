using Suppuo.Core.Common;
using Suppuo.Core.WhatsApp.Twilio;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using PhoneNumber = Twilio.Types.PhoneNumber;

namespace Suppuo.Core.Delivery;

/// <summary>One reply to one customer, from a workspace's Twilio number with that workspace's own client (W10).</summary>
public sealed record TwilioReply(ITwilioRestClient Client, string FromNumber, string ToPhone, string Body);

/// <summary>Sends replies through the real Twilio SDK, and finds one that may already have gone out (§2b, ambiguous sends).</summary>
public sealed class TwilioReplySender(IPublicUrls urls)
{
    public const string StatusCallbackPath = "/webhooks/twilio/status";

    // Messages Twilio already failed are not "already sent": they may be sent again.
    private static readonly HashSet<string> NotSent = ["failed", "undelivered", "canceled"];

    public async Task<SendOutcome> SendAsync(TwilioReply reply)
    {
        try
        {
            var message = await MessageResource.CreateAsync(
                to: new PhoneNumber(TwilioAddress.ForPhone(reply.ToPhone)),
                from: new PhoneNumber(TwilioAddress.ForPhone(reply.FromNumber)),
                body: reply.Body,
                statusCallback: new Uri(urls.Absolute(StatusCallbackPath)),
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
    /// The id of this reply if an earlier, unanswered attempt did reach Twilio: same sender, customer and body, created
    /// since that attempt began, and not the message of another delivery. Throws when Twilio cannot be asked.
    /// </summary>
    public async Task<string?> FindSentAsync(TwilioReply reply, DateTime attemptStartedAt, IReadOnlySet<string> otherDeliveries)
    {
        // Clocks differ between us and Twilio; a minute of slack still excludes replies made before this attempt.
        var since = attemptStartedAt.AddMinutes(-1);
        var messages = await MessageResource.ReadAsync(
            to: new PhoneNumber(TwilioAddress.ForPhone(reply.ToPhone)),
            from: new PhoneNumber(TwilioAddress.ForPhone(reply.FromNumber)),
            // Not filtered by DateSent: a message Twilio accepted but has not sent yet has none. The newest are enough.
            limit: 50,
            client: reply.Client);
        return messages
            .Where(m => m.Body == reply.Body && !NotSent.Contains(m.Status?.ToString() ?? ""))
            .Where(m => TwilioTime.Utc(m.DateCreated ?? m.DateSent) is not { } created || created >= since)
            .Select(m => m.Sid)
            .FirstOrDefault(sid => !otherDeliveries.Contains(sid));
    }
}
