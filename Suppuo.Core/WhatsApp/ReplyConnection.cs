using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.WhatsApp;

public static class ReplyConnection
{
    /// <summary>W2: replies go out through the workspace's most recently connected number; null when it has none.</summary>
    public static Task<WhatsAppConnection?> OfWorkspaceAsync(SuppuoDbContext db, int workspaceId, CancellationToken cancellationToken) =>
        db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId)
            .OrderByDescending(c => c.ConnectedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
