using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.WhatsApp;

/// <summary>New Cloud API credentials for a connection: checked against Graph first; working ones clear the health flag (W16).</summary>
public sealed record UpdateCloudChannel(int WorkspaceId, int ChannelId, string? PhoneNumberId, string? AccessToken, string? AppSecret)
    : CloudCredentials(PhoneNumberId, AccessToken, AppSecret), IRequest<ConnectionDto>;

public sealed class UpdateCloudChannelHandler(SuppuoDbContext db, CloudAccountCheck check, SecretProtector secrets)
    : IRequestHandler<UpdateCloudChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateCloudChannel request, CancellationToken cancellationToken)
    {
        var connection = await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == request.ChannelId && c.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Channel {request.ChannelId} was not found.");
        var phoneNumberId = request.PhoneNumberId!.Trim();
        await CloudOwnership.EnsureFreeAsync(db, phoneNumberId, exceptConnectionId: connection.Id, cancellationToken);
        var number = await check.VerifyAsync(phoneNumberId, request.AccessToken!.Trim(), request.AppSecret!.Trim(), cancellationToken);

        connection.PhoneNumberId = phoneNumberId;
        connection.PhoneNumber = number ?? connection.PhoneNumber;
        connection.EncryptedToken = secrets.Protect(request.AccessToken.Trim());
        connection.EncryptedAppSecret = secrets.Protect(request.AppSecret.Trim());
        connection.Health = "ok";
        await db.SaveChangesAsync(cancellationToken);
        return connection.ToDto(await ChannelQueries.IsActiveForRepliesAsync(db, connection, cancellationToken));
    }
}

/// <summary>PUT /api/v1/channels/{id}: the same fields as when connecting, for whichever provider the connection uses.</summary>
public sealed record UpdateChannel(
    int WorkspaceId, int ChannelId, string? AccountSid, string? AuthToken, string? PhoneNumber,
    string? PhoneNumberId, string? AccessToken, string? AppSecret) : IRequest<ConnectionDto>;

public sealed class UpdateChannelHandler(SuppuoDbContext db, IMediator mediator) : IRequestHandler<UpdateChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateChannel request, CancellationToken cancellationToken)
    {
        var provider = await db.WhatsAppConnections.Where(c => c.Id == request.ChannelId && c.WorkspaceId == request.WorkspaceId)
            .Select(c => (WhatsAppProvider?)c.Provider).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Channel {request.ChannelId} was not found.");
        return provider == WhatsAppProvider.Twilio
            ? await mediator.Send(new UpdateTwilioChannel(request.WorkspaceId, request.ChannelId, request.AccountSid, request.AuthToken, request.PhoneNumber), cancellationToken)
            : await mediator.Send(new UpdateCloudChannel(request.WorkspaceId, request.ChannelId, request.PhoneNumberId, request.AccessToken, request.AppSecret), cancellationToken);
    }
}

internal static class ChannelQueries
{
    /// <summary>W2: replies go out through the most recently connected number of the workspace.</summary>
    public static async Task<bool> IsActiveForRepliesAsync(SuppuoDbContext db, WhatsAppConnection connection, CancellationToken cancellationToken) =>
        (await ReplyConnection.OfWorkspaceAsync(db, connection.WorkspaceId, cancellationToken))?.Id == connection.Id;
}
