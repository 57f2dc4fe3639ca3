using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.Twilio;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using PhoneNumber = Twilio.Types.PhoneNumber;

namespace Suppuo.Core.Delivery;

/// <summary>
/// Sends through the workspace's own Twilio account (W10) with the real Twilio SDK. Twilio takes no idempotency key,
/// so a send whose answer was lost is looked for in the account's message list before anything is sent again (docs/providers.md, "Ambiguous sends").
/// </summary>
public sealed class TwilioSender(
    SuppuoDbContext db, SecretProtector secrets, TwilioClients clients, MediaLinks mediaLinks, IPublicUrls urls,
    IOptions<SuppuoOptions> options, TimeProvider clock) : IWhatsAppSender
{
    // Messages Twilio already failed are not "already sent": they may be sent again.
    private static readonly HashSet<string> NotSent = ["failed", "undelivered", "canceled"];

    private readonly SuppuoOptions.WorkerOptions _settings = options.Value.Workers;

    /// <summary>One WhatsApp message in Twilio's terms: a file goes by a public link, for Twilio to fetch (W14).</summary>
    private sealed record Request(ITwilioRestClient Client, string FromNumber, string To, string Body, string StatusCallback, string? MediaUrl);

    public async Task<SendOutcome> SendAsync(OutboundWhatsApp message, CancellationToken cancellationToken)
    {
        var delivery = message.Delivery;
        var client = clients.For(message.From.AccountSid!, secrets.Unprotect(message.From.EncryptedToken!));
        // W14: Twilio fetches the file itself, from a link that works for this one file and only for a while.
        var mediaUrl = message.File is { } file ? mediaLinks.UrlFor(delivery.WorkspaceId, file.Id) : null;
        var request = new Request(client, message.From.PhoneNumber!, message.To, message.Text, StatusCallback: "", mediaUrl);

        // An earlier attempt's answer was lost: it may have arrived. Look before sending again — never send twice.
        if (delivery.SendStartedAt is { } startedAt)
        {
            var others = await db.Deliveries
                .Where(d => d.Id != delivery.Id && d.Message.TicketId == delivery.Message.TicketId && d.ProviderMessageId != null)
                .Select(d => d.ProviderMessageId!).ToListAsync(cancellationToken);
            string? found;
            try
            {
                found = await FindSentAsync(request, startedAt, others.ToHashSet());
            }
            catch (Exception error) when (error is ApiException or ApiConnectionException)
            {
                if (delivery.HasGivenUp(clock.GetUtcNow().UtcDateTime, _settings.GiveUpAfter))
                    return new SendOutcome.Failed($"Twilio could not be asked for {Durations.Describe(_settings.GiveUpAfter)} whether the message went out, so it may or may not have been sent. Retry to send it again.");
                return new SendOutcome.Retry("Twilio could not be asked whether the message went out; checking again before any resend.", MayHaveArrived: true);
            }
            if (found is not null)
                return new SendOutcome.Accepted(found);
        }

        if (delivery.HasGivenUp(clock.GetUtcNow().UtcDateTime, _settings.GiveUpAfter))
            return new SendOutcome.Failed($"Not sent: Twilio could not take the message for {Durations.Describe(_settings.GiveUpAfter)}. Last error: {delivery.Error ?? "none"}");

        // Committed before the request, so that a crash mid-request leaves the mark that makes the next attempt look first.
        delivery.SendStartedAt = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastAttempt++;
        await db.SaveChangesAsync(cancellationToken);
        return await CreateAsync(request with { StatusCallback = TwilioCallback.For(urls, delivery.Id, delivery.LastAttempt) });
    }

    private static async Task<SendOutcome> CreateAsync(Request request)
    {
        try
        {
            var message = await MessageResource.CreateAsync(
                to: new PhoneNumber(TwilioAddress.For(request.To)),
                from: new PhoneNumber(TwilioAddress.For(request.FromNumber)),
                // One file per WhatsApp message: a file goes without text, the text as a message of its own.
                body: request.MediaUrl is null ? request.Body : null,
                mediaUrl: request.MediaUrl is null ? null : [new Uri(request.MediaUrl)],
                statusCallback: new Uri(request.StatusCallback),
                client: request.Client);
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
    /// The id of this message if an earlier, unanswered attempt did reach Twilio: same sender, customer and body (a file's
    /// message has none), created since that attempt began, and not the message of another delivery. Throws when Twilio
    /// cannot be asked.
    /// </summary>
    private static async Task<string?> FindSentAsync(Request request, DateTime attemptStartedAt, IReadOnlySet<string> otherDeliveries)
    {
        // Clocks differ between us and Twilio; a minute of slack still excludes replies made before this attempt.
        var since = attemptStartedAt.AddMinutes(-1);
        var messages = await MessageResource.ReadAsync(
            to: new PhoneNumber(TwilioAddress.For(request.To)),
            from: new PhoneNumber(TwilioAddress.For(request.FromNumber)),
            // Not filtered by DateSent: a message Twilio accepted but has not sent yet has none. The newest are enough.
            limit: 50,
            client: request.Client);
        return messages
            .Where(m => (m.Body ?? "") == (request.MediaUrl is null ? request.Body : "") && !NotSent.Contains(m.Status?.ToString() ?? ""))
            .Where(m => TwilioTime.Utc(m.DateCreated ?? m.DateSent) is not { } created || created >= since)
            .Select(m => m.Sid)
            .FirstOrDefault(sid => !otherDeliveries.Contains(sid));
    }
}
