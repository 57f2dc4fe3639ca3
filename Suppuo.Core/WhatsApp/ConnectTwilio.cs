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
    public virtual void Validate(ValidationErrors errors)
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

public sealed record ConnectTwilio(int WorkspaceId, string? AccountSid, string? AuthToken, string? PhoneNumber, string? Label = null)
    : TwilioCredentials(AccountSid, AuthToken, PhoneNumber), IRequest<ConnectionDto>, IAdminRequest
{
    public override void Validate(ValidationErrors errors)
    {
        base.Validate(errors);
        ChannelLabel.Validate(errors, Label);
    }

    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class ConnectTwilioHandler(SuppuoDbContext db, TwilioAccountCheck check, SecretProtector secrets, TimeProvider clock, TwilioRoutes routes)
    : IRequestHandler<ConnectTwilio, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(ConnectTwilio request, CancellationToken cancellationToken)
    {
        var accountSid = request.AccountSid!.Trim();
        var phone = TwilioCredentials.Normalized(request.PhoneNumber)!;
        // W19: a workspace holds many numbers, each once per provider; a disconnected one is connected again in its old row.
        var earlier = await db.WhatsAppConnections
            .Where(c => c.WorkspaceId == request.WorkspaceId && c.Provider == WhatsAppProvider.Twilio && c.PhoneNumber == phone)
            .OrderBy(c => c.DisconnectedAt != null).ThenByDescending(c => c.ConnectedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is { IsConnected: true })
            throw new ConflictException($"{phone} is already connected to this workspace through Twilio (channel {earlier.Id}). To change its account or token, update that connection (PUT /api/v1/channels/{earlier.Id}, or Update on the Channels page) instead.");
        // Credentials first, ownership second: answering "held by another workspace" to anyone would tell every account
        // which numbers are Suppuo customers (W26); only someone who controls the number learns where it is connected.
        await check.VerifyAsync(accountSid, request.AuthToken!.Trim(), phone, cancellationToken);
        await TwilioOwnership.EnsureFreeAsync(db, request.WorkspaceId, accountSid, phone, exceptConnectionId: null, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var connection = earlier ?? db.WhatsAppConnections.Add(new WhatsAppConnection { WorkspaceId = request.WorkspaceId, Provider = WhatsAppProvider.Twilio }).Entity;
        if (connection.AccountSid != accountSid)
            connection.Backfill = new(); // W17: how far one account's list was compared says nothing of another's
        connection.AccountSid = accountSid;
        connection.PhoneNumber = phone;
        connection.EncryptedToken = secrets.Protect(request.AuthToken.Trim());
        connection.ConnectedAt = now;
        connection.DisconnectedAt = null;
        connection.Health = "ok";
        connection.Label = ChannelLabel.Or(request.Label, connection.Label is { Length: > 0 } kept ? kept : phone);
        connection.IsDefault = await NumberLinks.NeedsDefaultAsync(db, request.WorkspaceId, connection.Id, cancellationToken);
        await NumberLinks.CarryAsync(db, connection, now, cancellationToken);
        routes.Forget();
        return connection.ToDto();
    }
}

internal static class TwilioOwnership
{
    /// <summary>W2: one number, one workspace — except Twilio's sandbox, which each workspace reaches through its own account (W3).</summary>
    public static async Task EnsureFreeAsync(SuppuoDbContext db, int workspaceId, string accountSid, string phone, int? exceptConnectionId, CancellationToken cancellationToken)
    {
        // Through either provider: the same number on the Cloud API in this workspace is a move (W19), elsewhere a conflict.
        var holders = db.WhatsAppConnections.Where(c => c.PhoneNumber == phone && c.Id != exceptConnectionId && c.DisconnectedAt == null);
        var taken = phone == TwilioAccountCheck.SandboxNumber
            ? await holders.AnyAsync(c => c.Provider == WhatsAppProvider.Twilio && c.AccountSid == accountSid, cancellationToken)
            : await holders.AnyAsync(c => c.WorkspaceId != workspaceId, cancellationToken);
        if (taken)
            throw new ConflictException(phone == TwilioAccountCheck.SandboxNumber
                ? $"Another workspace already uses the Twilio sandbox through account {accountSid}. Each workspace needs its own Twilio account for the sandbox."
                : $"{phone} is connected to another Suppuo workspace. A number belongs to one workspace; disconnect it there first.");
    }
}
