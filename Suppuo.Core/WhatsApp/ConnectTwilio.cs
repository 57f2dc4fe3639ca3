using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>Twilio credentials and number as an admin enters them (W1).</summary>
public record TwilioCredentials(string? AccountSid, string? AuthToken, string? PhoneNumber) : IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        var sid = AccountSid?.Trim();
        if (string.IsNullOrEmpty(sid))
            errors.Add("accountSid", "Is required: the Account SID from the Twilio console (AC…).");
        else if (sid.Length != 34 || !sid.StartsWith("AC", StringComparison.Ordinal) || !sid[2..].All(char.IsAsciiHexDigit))
            errors.Add("accountSid", "An Account SID is 'AC' followed by 32 hexadecimal characters.");
        errors.Required("authToken", AuthToken);
        errors.MaxLength("authToken", AuthToken, 128);
        if (!Common.PhoneNumber.IsE164(Normalized(PhoneNumber)))
            errors.Add("phoneNumber", "Must be the WhatsApp number in E.164, such as +14155238886.");
    }

    /// <summary>Accepts what people paste: `whatsapp:+1…`, spaces, dashes.</summary>
    public static string? Normalized(string? phoneNumber) =>
        phoneNumber is null ? null : TwilioAddress.Phone(new string(phoneNumber.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray()));
}

public sealed record ConnectTwilio(int WorkspaceId, string? AccountSid, string? AuthToken, string? PhoneNumber)
    : TwilioCredentials(AccountSid, AuthToken, PhoneNumber), IRequest<ConnectionDto>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class ConnectTwilioHandler(SuppuoDbContext db, TwilioAccountCheck check, SecretProtector secrets, TimeProvider clock)
    : IRequestHandler<ConnectTwilio, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(ConnectTwilio request, CancellationToken cancellationToken)
    {
        var accountSid = request.AccountSid!.Trim();
        var phone = TwilioCredentials.Normalized(request.PhoneNumber)!;
        if (await db.WhatsAppConnections.AnyAsync(c => c.WorkspaceId == request.WorkspaceId && c.Provider == WhatsAppProvider.Twilio, cancellationToken))
            throw new ConflictException("This workspace already has a Twilio number. Disconnect it first, or update that connection with the new details instead.");
        // Credentials first, ownership second: answering "held by another workspace" to anyone would tell every account
        // which numbers are Suppuo customers (W26); only someone who controls the number learns where it is connected.
        await check.VerifyAsync(accountSid, request.AuthToken!.Trim(), phone, cancellationToken);
        await TwilioOwnership.EnsureFreeAsync(db, request.WorkspaceId, accountSid, phone, exceptConnectionId: null, cancellationToken);

        var connection = new WhatsAppConnection
        {
            WorkspaceId = request.WorkspaceId,
            Provider = WhatsAppProvider.Twilio,
            AccountSid = accountSid,
            PhoneNumber = phone,
            EncryptedToken = secrets.Protect(request.AuthToken.Trim()),
            ConnectedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WhatsAppConnections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        return connection.ToDto(activeForReplies: true);
    }
}

internal static class TwilioOwnership
{
    /// <summary>W2: one number, one workspace — except Twilio's sandbox, which each workspace reaches through its own account (W3).</summary>
    public static async Task EnsureFreeAsync(SuppuoDbContext db, int workspaceId, string accountSid, string phone, int? exceptConnectionId, CancellationToken cancellationToken)
    {
        var holders = db.WhatsAppConnections.Where(c => c.Provider == WhatsAppProvider.Twilio && c.PhoneNumber == phone && c.Id != exceptConnectionId);
        var taken = phone == TwilioAccountCheck.SandboxNumber
            ? await holders.AnyAsync(c => c.AccountSid == accountSid, cancellationToken)
            : await holders.AnyAsync(c => c.WorkspaceId != workspaceId, cancellationToken);
        if (taken)
            throw new ConflictException(phone == TwilioAccountCheck.SandboxNumber
                ? $"Another workspace already uses the Twilio sandbox through account {accountSid}. Each workspace needs its own Twilio account for the sandbox."
                : $"{phone} is connected to another Suppuo workspace. A number belongs to one workspace; disconnect it there first.");
    }
}
