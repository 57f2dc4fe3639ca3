using System.Globalization;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Message;
using PhoneNumber = Twilio.Types.PhoneNumber;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>What one bounded read of a number's messages found, newest first, and whether older ones may remain.</summary>
public sealed record TwilioListing(IReadOnlyList<MessageResource> Messages, bool MayHaveMore);

/// <summary>
/// W17 through the real SDK: the messages Twilio holds for one of our numbers within a window of time
/// (docs/providers.md, "Twilio: answer, timeouts and no re-delivery"), and each one turned into the form its webhook would have posted, media URLs included, so that it takes the
/// webhook's own parsing and path in.
/// </summary>
public sealed class TwilioInboundList(IOptions<SuppuoOptions> options)
{
    private const int MaxMedia = 10;

    private readonly SuppuoOptions.TwilioOptions _settings = options.Value.Twilio;
    private readonly string _apiBase = options.Value.Twilio.ApiBaseUrl.TrimEnd('/');

    /// <summary>Messages to <paramref name="number"/> sent from <paramref name="from"/> to <paramref name="until"/> (both inclusive), at most one run's worth.</summary>
    public async Task<TwilioListing> ReadAsync(ITwilioRestClient client, string number, DateTime from, DateTime? until, CancellationToken cancellationToken)
    {
        var limit = _settings.BackfillPageSize * _settings.BackfillMaxPages;
        var messages = await MessageResource.ReadAsync(new ReadMessageOptions
        {
            To = new PhoneNumber(TwilioAddress.For(number)),
            DateSentAfter = from,
            DateSentBefore = until,
            PageSize = _settings.BackfillPageSize,
            Limit = limit,
        }, client);
        // The SDK follows next_page_uri inside its synchronous enumerator: keep those requests off the caller's thread.
        var read = await Task.Run(() => messages.Take(limit).ToList(), cancellationToken);
        return new TwilioListing(read, read.Count >= limit);
    }

    /// <summary>The form Twilio's webhook would have posted for this message (docs/providers.md, "Twilio: inbound webhook"), with the media URLs it would carry.</summary>
    public async Task<Dictionary<string, string>> WebhookFormOfAsync(ITwilioRestClient client, MessageResource message)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = message.Sid ?? "",
            ["AccountSid"] = message.AccountSid ?? "",
            ["From"] = message.From?.ToString() ?? "",
            ["To"] = message.To ?? "",
            ["Body"] = message.Body ?? "",
            ["NumMedia"] = message.NumMedia ?? "0",
        };
        if (message.Sid is not { } sid || !int.TryParse(message.NumMedia, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
            return form;

        // The listing gives only the count; the files are in the message's Media list.
        var media = await MediaResource.ReadAsync(pathMessageSid: sid, pageSize: MaxMedia, limit: MaxMedia, client: client);
        var position = 0;
        foreach (var file in media.Take(MaxMedia))
        {
            form[$"MediaUrl{position}"] = $"{_apiBase}/2010-04-01/Accounts/{message.AccountSid}/Messages/{sid}/Media/{file.Sid}";
            form[$"MediaContentType{position}"] = file.ContentType ?? "";
            position++;
        }
        form["NumMedia"] = position.ToString(CultureInfo.InvariantCulture);
        return form;
    }
}
