using Suppuo.Core.Common;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Messaging.V2;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>W1: before anything is saved, the account must answer to these credentials and own the number as a WhatsApp sender.</summary>
public sealed class TwilioAccountCheck(TwilioClients clients)
{
    /// <summary>Twilio's shared sandbox number: every account can receive on it, and it is in no sender list (W3).</summary>
    public const string SandboxNumber = "+14155238886";

    public async Task VerifyAsync(string accountSid, string authToken, string phoneNumber, CancellationToken cancellationToken)
    {
        var client = clients.For(accountSid, authToken);
        try
        {
            var account = await AccountResource.FetchAsync(pathSid: accountSid, client: client);
            if (account.Status != AccountResource.StatusEnum.Active)
                throw new ProviderRejectedException("accountSid", $"Twilio account {accountSid} is {account.Status}, not active. Reactivate it in the Twilio console.");
        }
        catch (ApiException error) when (error.Code == 20003 || error.Status == 401)
        {
            throw new ProviderRejectedException("authToken",
                "Twilio rejected this Account SID and Auth Token (error 20003). Copy both again from the Twilio console's Account Info.");
        }
        catch (ApiException error) when (error.Code == 20404 || error.Status == 404)
        {
            throw new ProviderRejectedException("accountSid", $"Twilio has no account {accountSid} for these credentials (error 20404).");
        }
        catch (Exception error) when (error is ApiException or ApiConnectionException or HttpRequestException or TaskCanceledException)
        {
            throw new ProviderUnavailableException($"Twilio could not check the account just now ({error.Message}). Nothing was saved; try again.", error);
        }

        if (phoneNumber == SandboxNumber)
            return;
        if (!await IsWhatsAppSenderAsync(client, phoneNumber) && !await IsIncomingNumberAsync(client, phoneNumber))
            throw new ProviderRejectedException("phoneNumber",
                $"{phoneNumber} is not a WhatsApp sender of Twilio account {accountSid}. Register it under Messaging → Senders → WhatsApp senders, or check the number.");
    }

    private static async Task<bool> IsWhatsAppSenderAsync(global::Twilio.Clients.ITwilioRestClient client, string phoneNumber)
    {
        try
        {
            var senders = await ChannelsSenderResource.ReadAsync(channel: "whatsapp", client: client);
            return senders.Any(s => string.Equals(s.SenderId, "whatsapp:" + phoneNumber, StringComparison.OrdinalIgnoreCase));
        }
        catch (ApiException)
        {
            return false; // older accounts may not reach the Senders API; the incoming numbers decide then
        }
    }

    private static async Task<bool> IsIncomingNumberAsync(global::Twilio.Clients.ITwilioRestClient client, string phoneNumber)
    {
        try
        {
            var numbers = await IncomingPhoneNumberResource.ReadAsync(phoneNumber: new global::Twilio.Types.PhoneNumber(phoneNumber), client: client);
            return numbers.Any(n => n.PhoneNumber?.ToString() == phoneNumber);
        }
        catch (ApiException error)
        {
            throw new ProviderUnavailableException($"Twilio could not list the account's numbers just now (error {error.Code}). Nothing was saved; try again.", error);
        }
    }
}
