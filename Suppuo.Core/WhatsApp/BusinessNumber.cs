namespace Suppuo.Core.WhatsApp;

/// <summary>
/// One of a workspace's WhatsApp numbers (W19): tickets and conversation rows belong to it, and a connection links it
/// to one provider's credentials. The same E.164 number connected through Twilio and through the Cloud API is one
/// number, so moving between providers continues its threads.
/// </summary>
public class BusinessNumber
{
    public const int KeyMaxLength = 80;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>The E.164 number, or "cloud:" + Meta's phone number ID when the Cloud API gives no display number.</summary>
    public string Key { get; set; } = "";
    /// <summary>
    /// The connection that carries the number now — the most recently connected of its connected ones — or, once all
    /// are disconnected, the one that carried it last. Replies go out through it; a ticket reads it as `connectionId`.
    /// </summary>
    public int? ConnectionId { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string KeyOf(string? phoneNumber, string? phoneNumberId) =>
        phoneNumber ?? "cloud:" + phoneNumberId;
}
