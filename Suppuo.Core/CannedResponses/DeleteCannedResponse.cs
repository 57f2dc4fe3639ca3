using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.CannedResponses;

/// <summary>Removes a canned response and its files; messages that used it keep their own copies.</summary>
public sealed record DeleteCannedResponse(int WorkspaceId, int Id) : IRequest<Unit>, IAdminRequest
{
    public required Actor By { get; init; }
}

public sealed class DeleteCannedResponseHandler(SuppuoDbContext db, IAttachmentStore store) : IRequestHandler<DeleteCannedResponse, Unit>
{
    public async Task<Unit> Handle(DeleteCannedResponse request, CancellationToken cancellationToken)
    {
        var canned = await db.CannedResponses.Include(c => c.Files).SingleOrDefaultAsync(c => c.Id == request.Id && c.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Canned response {request.Id} was not found.");
        var keys = canned.Files.Select(f => f.StorageKey).ToList();
        db.CannedResponses.Remove(canned);
        await db.SaveChangesAsync(cancellationToken);
        keys.ForEach(store.Delete);
        return Unit.Value;
    }
}
