namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>What a Twilio connection's health says when its credentials stopped working (W16): short, with what to do.</summary>
public static class TwilioHealth
{
    public const string Revoked = "Twilio rejected the auth token (error 20003). Enter a current Account SID and Auth Token for this number.";
}
