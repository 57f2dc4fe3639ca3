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

public sealed class UpdateCloudChannelHandler(SuppuoDbContext db, CloudAccountCheck check, SecretProtector secrets, TimeProvider clock)
    : IRequestHandler<UpdateCloudChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateCloudChannel request, CancellationToken cancellationToken)
    {
        var connection = await ChannelQueries.ConnectedAsync(db, request.WorkspaceId, request.ChannelId, cancellationToken);
        var phoneNumberId = request.PhoneNumberId!.Trim();
        // Credentials before ownership, as in ConnectCloud (W26: no learning which numbers are customers).
        var number = await check.VerifyAsync(phoneNumberId, request.AccessToken!.Trim(), request.AppSecret!.Trim(), cancellationToken);
        await CloudOwnership.EnsureFreeAsync(db, request.WorkspaceId, phoneNumberId, number, exceptConnectionId: connection.Id, cancellationToken);

        connection.PhoneNumberId = phoneNumberId;
        connection.PhoneNumber = number ?? connection.PhoneNumber;
        connection.EncryptedToken = secrets.Protect(request.AccessToken.Trim());
        connection.EncryptedAppSecret = secrets.Protect(request.AppSecret.Trim());
        connection.Health = "ok";
        await db.SaveChangesAsync(cancellationToken);
        if (connection.BusinessNumberId is null || BusinessNumber.KeyOf(connection.PhoneNumber, connection.PhoneNumberId) != await NumberKeyAsync(connection.BusinessNumberId.Value, cancellationToken))
            await NumberLinks.CarryAsync(db, connection, clock.GetUtcNow().UtcDateTime, cancellationToken); // W19: now carries another number
        return connection.ToDto();
    }

    private Task<string?> NumberKeyAsync(int numberId, CancellationToken cancellationToken) =>
        db.BusinessNumbers.Where(n => n.Id == numberId).Select(n => n.Key).SingleOrDefaultAsync(cancellationToken);
}

internal static class ChannelQueries
{
    /// <summary>A connected connection of the workspace, to change; a disconnected one is connected again, not updated (W19).</summary>
    public static async Task<WhatsAppConnection> ConnectedAsync(SuppuoDbContext db, int workspaceId, int channelId, CancellationToken cancellationToken)
    {
        var connection = await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == channelId && c.WorkspaceId == workspaceId, cancellationToken)
            ?? throw new NotFoundException($"Channel {channelId} was not found.");
        return connection.IsConnected ? connection
            : throw new ConflictException($"Channel {channelId} was disconnected. Connect the number again (POST /api/v1/channels/whatsapp/…, or the Channels page) to use it.");
    }
}
