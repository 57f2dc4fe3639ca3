using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.CloudApi;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>New Cloud API credentials for a connection: checked against Graph first; working ones clear the health flag (W16).</summary>
public sealed record UpdateCloudChannel(int WorkspaceId, int ChannelId, string? PhoneNumberId, string? AccessToken, string? AppSecret)
    : CloudCredentials(PhoneNumberId, AccessToken, AppSecret), IRequest<ConnectionDto>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class UpdateCloudChannelHandler(SuppuoDbContext db, CloudAccountCheck check, SecretProtector secrets)
    : IRequestHandler<UpdateCloudChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateCloudChannel request, CancellationToken cancellationToken)
    {
        var connection = await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == request.ChannelId && c.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Channel {request.ChannelId} was not found.");
        var phoneNumberId = request.PhoneNumberId!.Trim();
        // Credentials before ownership, as in ConnectCloud (W26: no learning which numbers are customers).
        var number = await check.VerifyAsync(phoneNumberId, request.AccessToken!.Trim(), request.AppSecret!.Trim(), cancellationToken);
        await CloudOwnership.EnsureFreeAsync(db, phoneNumberId, exceptConnectionId: connection.Id, cancellationToken);

        connection.PhoneNumberId = phoneNumberId;
        connection.PhoneNumber = number ?? connection.PhoneNumber;
        connection.EncryptedToken = secrets.Protect(request.AccessToken.Trim());
        connection.EncryptedAppSecret = secrets.Protect(request.AppSecret.Trim());
        connection.Health = "ok";
        await db.SaveChangesAsync(cancellationToken);
        return connection.ToDto(await ChannelQueries.IsActiveForRepliesAsync(db, connection, cancellationToken));
    }
}

internal static class ChannelQueries
{
    /// <summary>W2: replies go out through the most recently connected number of the workspace.</summary>
    public static async Task<bool> IsActiveForRepliesAsync(SuppuoDbContext db, WhatsAppConnection connection, CancellationToken cancellationToken) =>
        (await ReplyConnection.OfWorkspaceAsync(db, connection.WorkspaceId, cancellationToken))?.Id == connection.Id;
}
