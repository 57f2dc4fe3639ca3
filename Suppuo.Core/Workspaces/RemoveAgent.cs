using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// An admin removes a user from the workspace: their tickets go back to unassigned, and they are signed out. Their
/// past messages stay in the threads.
/// </summary>
public sealed record RemoveAgent(int WorkspaceId, string UserId) : IRequest<Unit>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class RemoveAgentHandler(SuppuoDbContext db, UserManager<AppUser> users, IMediator mediator, TimeProvider clock)
    : IRequestHandler<RemoveAgent, Unit>
{
    public async Task<Unit> Handle(RemoveAgent request, CancellationToken cancellationToken)
    {
        await using var transaction = await LastAdminRule.BeginAsync(db, request.WorkspaceId, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId && u.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"User {request.UserId} was not found in this workspace.");
        await LastAdminRule.EnsureAnotherAdminAsync(db, user, "remove them", cancellationToken);

        var theirTickets = db.Tickets.Where(t => t.WorkspaceId == request.WorkspaceId && t.AssigneeId == user.Id);
        var unassigned = await theirTickets.Select(t => t.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await theirTickets.ExecuteUpdateAsync(t => t.SetProperty(x => x.AssigneeId, (string?)null).SetProperty(x => x.UpdatedAt, now), cancellationToken);

        // Deleting the row is what signs them out: the cookie's security-stamp check and the circuit's revalidation
        // (RevalidatingIdentityStateProvider) both find no user and reject the session. It also frees the email to be added again.
        IdentityErrors.ThrowIfFailed(await users.DeleteAsync(user));
        await transaction.CommitAsync(cancellationToken);

        foreach (var ticketId in unassigned)
            await mediator.Publish(new TicketAssigned(request.WorkspaceId, ticketId, null), cancellationToken);
        return Unit.Value;
    }
}
