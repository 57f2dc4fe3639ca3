namespace Suppuo.Core.WhatsApp;

/// <summary>
/// A webhook that does not prove it comes from the provider (W4): a missing or wrong Twilio or Meta signature, or a
/// Meta handshake without a verify token of ours. Answered 403; nothing is stored.
/// </summary>
public sealed class WebhookSignatureException(string message) : Exception(message);
