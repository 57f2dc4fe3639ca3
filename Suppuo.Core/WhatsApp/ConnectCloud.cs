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
    public void Validate(ValidationErrors errors)
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

public sealed record ConnectCloud(int WorkspaceId, string? PhoneNumberId, string? AccessToken, string? AppSecret)
    : CloudCredentials(PhoneNumberId, AccessToken, AppSecret), IRequest<ConnectionDto>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class ConnectCloudHandler(SuppuoDbContext db, CloudAccountCheck check, SecretProtector secrets, TimeProvider clock)
    : IRequestHandler<ConnectCloud, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(ConnectCloud request, CancellationToken cancellationToken)
    {
        var phoneNumberId = request.PhoneNumberId!.Trim();
        if (await db.WhatsAppConnections.AnyAsync(c => c.WorkspaceId == request.WorkspaceId && c.Provider == WhatsAppProvider.Cloud, cancellationToken))
            throw new ConflictException("This workspace already has a Cloud API number. Disconnect it first, or update that connection with the new details instead.");
        // Credentials first, ownership second: answering "held by another workspace" to anyone would tell every account
        // which numbers are Suppuo customers (W26); only someone who controls the number learns where it is connected.
        var number = await check.VerifyAsync(phoneNumberId, request.AccessToken!.Trim(), request.AppSecret!.Trim(), cancellationToken);
        await CloudOwnership.EnsureFreeAsync(db, phoneNumberId, exceptConnectionId: null, cancellationToken);

        var connection = new WhatsAppConnection
        {
            WorkspaceId = request.WorkspaceId,
            Provider = WhatsAppProvider.Cloud,
            PhoneNumberId = phoneNumberId,
            PhoneNumber = number,
            EncryptedToken = secrets.Protect(request.AccessToken.Trim()),
            EncryptedAppSecret = secrets.Protect(request.AppSecret.Trim()),
            // Suppuo makes the verify token (W1): 128 random bits the admin pastes into Meta's dashboard.
            VerifyToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ConnectedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WhatsAppConnections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        return connection.ToDto(activeForReplies: true);
    }
}

internal static class CloudOwnership
{
    /// <summary>W2: a phone number ID belongs to one workspace.</summary>
    public static async Task EnsureFreeAsync(SuppuoDbContext db, string phoneNumberId, int? exceptConnectionId, CancellationToken cancellationToken)
    {
        if (await db.WhatsAppConnections.AnyAsync(c => c.PhoneNumberId == phoneNumberId && c.Id != exceptConnectionId, cancellationToken))
            throw new ConflictException($"Phone number ID {phoneNumberId} is connected to another Suppuo workspace. A number belongs to one workspace; disconnect it there first.");
    }
}
