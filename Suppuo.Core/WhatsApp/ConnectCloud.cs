using System.Security.Cryptography;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.CloudApi;

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
    : CloudCredentials(PhoneNumberId, AccessToken, AppSecret), IRequest<ConnectionDto>;

public sealed class ConnectCloudHandler(SuppuoDbContext db, CloudAccountCheck check, SecretProtector secrets, TimeProvider clock)
    : IRequestHandler<ConnectCloud, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(ConnectCloud request, CancellationToken cancellationToken)
    {
        var phoneNumberId = request.PhoneNumberId!.Trim();
        if (await db.WhatsAppConnections.AnyAsync(c => c.WorkspaceId == request.WorkspaceId && c.Provider == WhatsAppProvider.Cloud, cancellationToken))
            throw new ConflictException("This workspace already has a Cloud API number. Disconnect it first, or update that connection with the new details instead.");
        await CloudOwnership.EnsureFreeAsync(db, phoneNumberId, exceptConnectionId: null, cancellationToken);

        var number = await check.VerifyAsync(phoneNumberId, request.AccessToken!.Trim(), request.AppSecret!.Trim(), cancellationToken);

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

/// <summary>W1 for the Cloud API: the token reads the phone number ID, and the app secret proves the same app.</summary>
public sealed class CloudAccountCheck(GraphApi graph)
{
    /// <summary>Returns the number in E.164 when Meta shows one.</summary>
    public async Task<string?> VerifyAsync(string phoneNumberId, string accessToken, string appSecret, CancellationToken cancellationToken)
    {
        try
        {
            var info = await graph.GetPhoneNumberAsync(phoneNumberId, accessToken, appSecret, cancellationToken);
            var digits = new string((info.DisplayPhoneNumber ?? "").Where(char.IsAsciiDigit).ToArray());
            return PhoneNumber.IsE164("+" + digits) ? "+" + digits : null;
        }
        catch (GraphApiException error) when (error.Code == 190)
        {
            throw new ProviderRejectedException("accessToken", $"Meta rejected the access token (error 190: {error.Message}). Create a system-user token with whatsapp_business_messaging and paste it again.");
        }
        catch (GraphApiException error) when (error.Code == 100 && error.Message.Contains("appsecret_proof", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderRejectedException("appSecret", "Meta says the app secret does not belong to this token's app. Copy it from App settings → Basic.");
        }
        catch (GraphApiException error) when (error.Code == 100)
        {
            throw new ProviderRejectedException("phoneNumberId", $"Meta cannot find phone number ID {phoneNumberId} for this token (error 100). Check the ID under WhatsApp → API Setup.");
        }
        catch (GraphApiException error) when (error.Code is 10 or (>= 200 and <= 299))
        {
            throw new ProviderRejectedException("accessToken", $"The token lacks a permission (error {error.Code}): give it whatsapp_business_messaging and whatsapp_business_management.");
        }
        catch (GraphApiException error)
        {
            throw new ProviderUnavailableException($"Meta could not check the number just now (error {error.Code}: {error.Message}). Nothing was saved; try again.", error);
        }
        catch (GraphUnavailableException error)
        {
            throw new ProviderUnavailableException(error.Message + " Nothing was saved; try again.", error);
        }
    }
}
