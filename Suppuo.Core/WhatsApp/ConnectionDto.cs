using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp;

/// <summary>A connection as the API and the wizard show it (API.md, "Connection"); secrets are never returned.</summary>
public sealed record ConnectionDto(
    int Id, string Provider, string? PhoneNumber, string? PhoneNumberId, string WebhookUrl, string? VerifyToken,
    DateTime ConnectedAt, DateTime? LastInboundAt, bool ActiveForReplies, string Health, string? AccountSid, DateTime? VerifiedAt,
    BackfillDto? Backfill);

/// <summary>W17, Twilio only: when missed messages were last looked for, how many were recovered, or why the run failed (retried at the next).</summary>
public sealed record BackfillDto(DateTime RanAt, int Recovered, string? Error);

public static class ConnectionMapping
{
    public const string TwilioWebhookPath = WebhookRoutes.TwilioMessages;
    public const string MetaWebhookPath = WebhookRoutes.Meta;

    public static ConnectionDto ToDto(this WhatsAppConnection connection, IPublicUrls urls, bool activeForReplies) => new(
        connection.Id, connection.Provider.ToApi(), connection.PhoneNumber, connection.PhoneNumberId,
        urls.Absolute(connection.Provider == WhatsAppProvider.Twilio ? TwilioWebhookPath : MetaWebhookPath),
        connection.VerifyToken, connection.ConnectedAt, connection.LastInboundAt, activeForReplies, connection.Health, connection.AccountSid,
        connection.VerifiedAt,
        connection.Backfill.RanAt is { } ranAt ? new BackfillDto(ranAt, connection.Backfill.Recovered, connection.Backfill.Error) : null);
}
