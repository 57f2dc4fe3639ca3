using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.WhatsApp;

/// <summary>New credentials (or number) for a connection: checked against the provider first; working ones clear the health flag (W16).</summary>
public sealed record UpdateTwilioChannel(int WorkspaceId, int ChannelId, string? AccountSid, string? AuthToken, string? PhoneNumber)
    : TwilioCredentials(AccountSid, AuthToken, PhoneNumber), IRequest<ConnectionDto>;

public sealed class UpdateTwilioChannelHandler(SuppuoDbContext db, TwilioAccountCheck check, SecretProtector secrets, IPublicUrls urls)
    : IRequestHandler<UpdateTwilioChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateTwilioChannel request, CancellationToken cancellationToken)
    {
        var connection = await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == request.ChannelId && c.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Channel {request.ChannelId} was not found.");
        if (connection.Provider != WhatsAppProvider.Twilio)
            throw new ValidationFailedException("provider", "This is a Cloud API connection: send phoneNumberId, accessToken and appSecret.");

        var accountSid = request.AccountSid!.Trim();
        var phone = TwilioCredentials.Normalized(request.PhoneNumber)!;
        await TwilioOwnership.EnsureFreeAsync(db, request.WorkspaceId, accountSid, phone, exceptConnectionId: connection.Id, cancellationToken);
        await check.VerifyAsync(accountSid, request.AuthToken!.Trim(), phone, cancellationToken);

        connection.AccountSid = accountSid;
        connection.PhoneNumber = phone;
        connection.EncryptedToken = secrets.Protect(request.AuthToken.Trim());
        connection.Health = "ok";
        await db.SaveChangesAsync(cancellationToken);

        var newest = await db.WhatsAppConnections.Where(c => c.WorkspaceId == request.WorkspaceId)
            .OrderByDescending(c => c.ConnectedAt).ThenByDescending(c => c.Id).Select(c => c.Id).FirstAsync(cancellationToken);
        return connection.ToDto(urls, activeForReplies: newest == connection.Id);
    }
}
