using System.Security.Cryptography;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.CloudApi;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>Meta Cloud API credentials as an admin enters them (W1).</summary>
public record CloudCredentials(string? PhoneNumberId, string? AccessToken, string? AppSecret) : IValidatable
{
    public virtual void Validate(ValidationErrors errors)
    {
        var id = PhoneNumberId?.Trim();
        if (string.IsNullOrEmpty(id))
            errors.Add("phoneNumberId", "Is required: the Phone number ID from WhatsApp → API Setup in the Meta app dashboard.");
        else if (id.Length > 32 || !id.All(char.IsAsciiDigit))
            errors.Add("phoneNumberId", "A phone number ID is digits only (it is not the phone number itself).");
        errors.Required("accessToken", AccessToken);
        errors.MaxLength("accessToken", AccessToken, 1024);
        errors.Required("appSecret", AppSecret);
        errors.MaxLength("appSecret", AppSecret, 128);
    }
}

public sealed record ConnectCloud(int WorkspaceId, string? PhoneNumberId, string? AccessToken, string? AppSecret, string? Label = null)
    : CloudCredentials(PhoneNumberId, AccessToken, AppSecret), IRequest<ConnectionDto>, IAdminRequest
{
    public override void Validate(ValidationErrors errors)
    {
        base.Validate(errors);
        ChannelLabel.Validate(errors, Label);
    }

    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class ConnectCloudHandler(SuppuoDbContext db, CloudAccountCheck check, SecretProtector secrets, TimeProvider clock)
    : IRequestHandler<ConnectCloud, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(ConnectCloud request, CancellationToken cancellationToken)
    {
        var phoneNumberId = request.PhoneNumberId!.Trim();
        // W19: a workspace holds many numbers, each once per provider; a disconnected one is connected again in its old row.
        var earlier = await db.WhatsAppConnections
            .Where(c => c.WorkspaceId == request.WorkspaceId && c.Provider == WhatsAppProvider.Cloud && c.PhoneNumberId == phoneNumberId)
            .OrderBy(c => c.DisconnectedAt != null).ThenByDescending(c => c.ConnectedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is { IsConnected: true })
            throw new ConflictException($"Phone number ID {phoneNumberId} is already connected to this workspace through the Cloud API (channel {earlier.Id}). To change its token or app secret, update that connection (PUT /api/v1/channels/{earlier.Id}, or Update on the Channels page) instead.");
        // Credentials first, ownership second: answering "held by another workspace" to anyone would tell every account
        // which numbers are Suppuo customers (W26); only someone who controls the number learns where it is connected.
        var number = await check.VerifyAsync(phoneNumberId, request.AccessToken!.Trim(), request.AppSecret!.Trim(), cancellationToken);
        await CloudOwnership.EnsureFreeAsync(db, request.WorkspaceId, phoneNumberId, number, exceptConnectionId: null, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var connection = earlier ?? db.WhatsAppConnections.Add(new WhatsAppConnection { WorkspaceId = request.WorkspaceId, Provider = WhatsAppProvider.Cloud }).Entity;
        connection.PhoneNumberId = phoneNumberId;
        connection.PhoneNumber = number;
        connection.EncryptedToken = secrets.Protect(request.AccessToken.Trim());
        connection.EncryptedAppSecret = secrets.Protect(request.AppSecret.Trim());
        // Suppuo makes the verify token (W1): 128 random bits the admin pastes into Meta's dashboard.
        connection.VerifyToken ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        connection.ConnectedAt = now;
        connection.DisconnectedAt = null;
        connection.Health = "ok";
        connection.Label = ChannelLabel.Or(request.Label, connection.Label is { Length: > 0 } kept ? kept : connection.DisplayNumber);
        connection.IsDefault = await NumberLinks.NeedsDefaultAsync(db, request.WorkspaceId, connection.Id, cancellationToken);
        await NumberLinks.CarryAsync(db, connection, now, cancellationToken);
        return connection.ToDto();
    }
}

internal static class CloudOwnership
{
    /// <summary>
    /// W2: a phone number ID belongs to one workspace, and so does its phone number, through either provider; the same
    /// number through Twilio in this workspace is a move, not a conflict (W19).
    /// </summary>
    public static async Task EnsureFreeAsync(SuppuoDbContext db, int workspaceId, string phoneNumberId, string? phone, int? exceptConnectionId, CancellationToken cancellationToken)
    {
        var connected = db.WhatsAppConnections.Where(c => c.Id != exceptConnectionId && c.DisconnectedAt == null);
        if (await connected.AnyAsync(c => c.PhoneNumberId == phoneNumberId, cancellationToken))
            throw new ConflictException($"Phone number ID {phoneNumberId} is connected to another Suppuo workspace. A number belongs to one workspace; disconnect it there first.");
        if (phone is not null && await connected.AnyAsync(c => c.PhoneNumber == phone && c.WorkspaceId != workspaceId, cancellationToken))
            throw new ConflictException($"{phone} is connected to another Suppuo workspace. A number belongs to one workspace; disconnect it there first.");
    }
}
