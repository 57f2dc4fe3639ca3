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
}
