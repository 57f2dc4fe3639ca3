namespace Suppuo.Core.WhatsApp;

/// <summary>
/// A connection as the wizard and the API read it (docs/contract.md, "/api/v1", Connection); secrets are never returned. The web layer
/// adds the webhook URL of <see cref="Provider"/>, where it maps the webhooks.
/// </summary>
public sealed record ConnectionDto(
    int Id, WhatsAppProvider Provider, string? PhoneNumber, string? PhoneNumberId, string? VerifyToken,
    DateTime ConnectedAt, DateTime? LastInboundAt, bool IsDefault, string Health, string? AccountSid, DateTime? VerifiedAt,
    BackfillDto? Backfill, string Label = "", string? DefaultAssigneeId = null, DateTime? DisconnectedAt = null, int? BusinessNumberId = null)
{
    /// <summary>The beta's name for the default number (API.md: an alias of `isDefault` since W19).</summary>
    public bool ActiveForReplies => IsDefault;

    public bool IsConnected => DisconnectedAt is null;

    /// <summary>The number as people read it: its E.164, or Meta's phone number ID when the Cloud API gives no number.</summary>
    public string DisplayNumber => PhoneNumber ?? PhoneNumberId ?? "";
}

/// <summary>W17, Twilio only: when missed messages were last looked for, how many were recovered, or why the run failed (retried at the next).</summary>
public sealed record BackfillDto(DateTime RanAt, int Recovered, string? Error);

public static class ConnectionMapping
{
    public static ConnectionDto ToDto(this WhatsAppConnection connection) => new(
        connection.Id, connection.Provider, connection.PhoneNumber, connection.PhoneNumberId,
        connection.VerifyToken, connection.ConnectedAt, connection.LastInboundAt, connection.IsDefault, connection.Health, connection.AccountSid,
        connection.VerifiedAt,
        connection.Backfill.RanAt is { } ranAt ? new BackfillDto(ranAt, connection.Backfill.Recovered, connection.Backfill.Error) : null,
        connection.Label, connection.DefaultAssigneeId, connection.DisconnectedAt, connection.BusinessNumberId);
}
