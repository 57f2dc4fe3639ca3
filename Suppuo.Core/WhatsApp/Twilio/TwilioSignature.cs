using Twilio.Security;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>W4: `X-Twilio-Signature` over the public webhook URL and every form field, with the connection's auth token.</summary>
public static class TwilioSignature
{
    public static bool IsValid(string authToken, string publicUrl, IReadOnlyDictionary<string, string> form, string? signature)
    {
        // The SDK throws on an empty URL or signature; a missing header is simply not valid.
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
            return false;
        return new RequestValidator(authToken).Validate(publicUrl, form.ToDictionary(f => f.Key, f => f.Value), signature);
    }

    /// <summary>Refuses the request (403, nothing stored) unless it is signed with <paramref name="authToken"/>.</summary>
    /// <param name="tokenOwner">Whose token was tried, for the admin reading the refusal: "the sending account's".</param>
    public static void Ensure(string authToken, string publicUrl, IReadOnlyDictionary<string, string> form, string? signature, string tokenOwner)
    {
        if (!IsValid(authToken, publicUrl, form, signature))
            throw new WebhookSignatureException(signature is null
                ? "The X-Twilio-Signature header is missing."
                : $"The X-Twilio-Signature does not match this request for {tokenOwner} auth token.");
    }
}
