namespace Suppuo.Core.WhatsApp;

/// <summary>
/// The webhook paths admins paste into Twilio's and Meta's consoles (docs/contract.md, "Webhooks"): part of the external contract,
/// so they are written once, here, for both the routes the app maps and the URLs it shows and sends to providers.
/// </summary>
public static class WebhookRoutes
{
    public const string Root = "/webhooks";
    public const string TwilioMessages = Root + "/twilio/whatsapp";
    public const string TwilioStatus = Root + "/twilio/status";
    public const string Meta = Root + "/meta/whatsapp";
}
