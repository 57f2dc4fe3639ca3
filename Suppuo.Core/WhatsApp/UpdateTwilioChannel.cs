using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>New credentials (or number) for a connection: checked against the provider first; working ones clear the health flag (W16).</summary>
public sealed record UpdateTwilioChannel(int WorkspaceId, int ChannelId, string? AccountSid, string? AuthToken, string? PhoneNumber)
    : TwilioCredentials(AccountSid, AuthToken, PhoneNumber), IRequest<ConnectionDto>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class UpdateTwilioChannelHandler(SuppuoDbContext db, TwilioAccountCheck check, SecretProtector secrets, TwilioRoutes routes, TimeProvider clock)
    : IRequestHandler<UpdateTwilioChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateTwilioChannel request, CancellationToken cancellationToken)
    {
        var connection = await ChannelQueries.ConnectedAsync(db, request.WorkspaceId, request.ChannelId, cancellationToken);

        var accountSid = request.AccountSid!.Trim();
        var phone = TwilioCredentials.Normalized(request.PhoneNumber)!;
        // Credentials before ownership, as in ConnectTwilio (W26: no learning which numbers are customers).
        await check.VerifyAsync(accountSid, request.AuthToken!.Trim(), phone, cancellationToken);
        await TwilioOwnership.EnsureFreeAsync(db, request.WorkspaceId, accountSid, phone, exceptConnectionId: connection.Id, cancellationToken);

        // W17: how far Twilio's list was compared holds for one account's number; another number starts afresh.
        if (connection.AccountSid != accountSid || connection.PhoneNumber != phone)
            connection.Backfill = new();
        var otherNumber = connection.PhoneNumber != phone || connection.BusinessNumberId is null;
        if (otherNumber && connection.Label == connection.PhoneNumber)
            connection.Label = phone; // a label that was only the old number follows the number
        connection.AccountSid = accountSid;
        connection.PhoneNumber = phone;
        connection.EncryptedToken = secrets.Protect(request.AuthToken.Trim());
        connection.Health = "ok";
        await db.SaveChangesAsync(cancellationToken);
        if (otherNumber)
            await NumberLinks.CarryAsync(db, connection, clock.GetUtcNow().UtcDateTime, cancellationToken); // W19: it carries that number now
        routes.Forget();

        return connection.ToDto();
    }
}
