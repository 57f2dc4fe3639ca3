using Suppuo.Core.Common;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Web.Api;

/// <summary>The absolute addresses this app hands out for its own routes: each is made here and nowhere else.</summary>
public sealed class PublicLinks(IPublicUrls urls, CustomerLinks customers)
{
    public string StatusPage(string statusToken) => customers.StatusPage(statusToken);

    public string Attachment(int attachmentId) => urls.Absolute($"/api/v1/attachments/{attachmentId}");

    /// <summary>What the admin pastes into the provider's console (Twilio, Meta), for its webhooks to reach us.</summary>
    public string Webhook(WhatsAppProvider provider) =>
        urls.Absolute(provider == WhatsAppProvider.Twilio ? WebhookRoutes.TwilioMessages : WebhookRoutes.Meta);
}
