using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>
/// Meta's verification handshake (docs/providers.md, "Meta: verification handshake"): answers the challenge only for a verify token that a connection
/// holds, and records that this connection's callback URL is verified (shown in the wizard).
/// </summary>
public sealed record VerifyMetaWebhook(string? Mode, string? VerifyToken, string? Challenge) : IRequest<string>;

public sealed class VerifyMetaWebhookHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<VerifyMetaWebhook, string>
{
    public async Task<string> Handle(VerifyMetaWebhook request, CancellationToken cancellationToken)
    {
        if (request.Mode != "subscribe" || string.IsNullOrEmpty(request.VerifyToken) || request.Challenge is null)
            throw new WebhookSignatureException("Expected hub.mode=subscribe with hub.verify_token and hub.challenge.");

        // The GET names no phone number: compare with every Cloud connection's token, each in constant time.
        var connections = await db.WhatsAppConnections.Where(c => c.Provider == WhatsAppProvider.Cloud && c.VerifyToken != null && c.DisconnectedAt == null).ToListAsync(cancellationToken);
        var verified = connections.FirstOrDefault(c => MetaSignature.SameToken(request.VerifyToken, c.VerifyToken!))
            ?? throw new WebhookSignatureException("No connection has this verify token. Copy it again from Suppuo's Channels page.");
        verified.VerifiedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return request.Challenge;
    }
}
