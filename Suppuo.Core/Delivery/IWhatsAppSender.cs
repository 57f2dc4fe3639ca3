using Suppuo.Core.Attachments;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Core.Delivery;

/// <summary>
/// One outbox row as its provider sends it: a reply's text, or one of its files (W14), from the workspace's number to
/// the customer's phone or WhatsApp user id (W18). The row travels along because its send mark and attempts are the
/// sender's to keep around the provider call.
/// </summary>
public sealed record OutboundWhatsApp(OutboundDelivery Delivery, WhatsAppConnection From, string To, string Text, Attachment? File);

/// <summary>
/// Speaks to one WhatsApp provider for the outbox: makes the calls, settles a send whose answer was lost the way that
/// provider allows (docs/providers.md, "Ambiguous sends"), and turns the provider's errors into <see cref="SendOutcome"/>s. Registered
/// keyed by its <see cref="WhatsAppProvider"/>; each further kind of outbound message becomes a method here.
/// </summary>
public interface IWhatsAppSender
{
    Task<SendOutcome> SendAsync(OutboundWhatsApp message, CancellationToken cancellationToken);
}
