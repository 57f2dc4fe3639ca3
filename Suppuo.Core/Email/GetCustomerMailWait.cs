using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Suppuo.Core.Data;

namespace Suppuo.Core.Email;

/// <summary>Customer mails held back by the hourly cap (W26), as admins are told about them.</summary>
public sealed record CustomerMailWait(int Waiting, int Limit, DateTime GoesOutFrom)
{
    public string Notice =>
        $"{Waiting} customer email{(Waiting == 1 ? " is" : "s are")} waiting: this workspace reached its limit of {Limit} per hour; " +
        $"they go out from {GoesOutFrom:HH:mm} UTC.";
}

/// <summary>Null while the workspace's customer mail flows freely.</summary>
public sealed record GetCustomerMailWait(int WorkspaceId) : IRequest<CustomerMailWait?>;

public sealed class GetCustomerMailWaitHandler(SuppuoDbContext db, IOptions<SuppuoOptions> options, TimeProvider clock)
    : IRequestHandler<GetCustomerMailWait, CustomerMailWait?>
{
    public async Task<CustomerMailWait?> Handle(GetCustomerMailWait request, CancellationToken cancellationToken)
    {
        var limit = options.Value.Mail.MaxPerWorkspacePerHour;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await CustomerMailCap.NextFreeSlotAsync(db, request.WorkspaceId, limit, now, cancellationToken) is not { } freeAt)
            return null;
        var waiting = await db.OutboundEmails.CountAsync(e => e.WorkspaceId == request.WorkspaceId && e.Status == EmailStatus.Queued, cancellationToken);
        return waiting == 0 ? null : new CustomerMailWait(waiting, limit, freeAt);
    }
}
