namespace Suppuo.Core.Tickets;

/// <summary>
/// What a message is, as the customer meant it (W22, API.md "Beyond the beta"): text (also email and status-page text),
/// media (image, video, audio, voice note, document, sticker), a shared location, contact cards, a tap on a button or
/// list row, a template we sent, an internal note, or what Suppuo or the provider reports.
/// </summary>
public enum MessageKind { Text, Media, Location, Contacts, Interactive, Template, Note, System }
