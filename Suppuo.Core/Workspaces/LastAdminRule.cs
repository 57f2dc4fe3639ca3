using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>A workspace always keeps an admin: without one, nobody could manage its agents, keys or channels again.</summary>
internal static class LastAdminRule
{
    /// <summary>
    /// Check and change inside this transaction, so two admins demoting each other at once cannot both see "another
    /// admin" and leave none. On SQLite it is BEGIN IMMEDIATE, which takes the write lock before the admins are counted;
    /// on PostgreSQL, where writers run side by side, it locks the workspace's row, which every such change takes first.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(SuppuoDbContext db, int workspaceId, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Workspaces" WHERE "Id" = {workspaceId} FOR UPDATE""", cancellationToken);
        return transaction;
    }

    /// <param name="then">What the admin may do once another user is an admin, e.g. "remove them".</param>
    public static async Task EnsureAnotherAdminAsync(SuppuoDbContext db, AppUser user, string then, CancellationToken cancellationToken)
    {
        if (user.Role != WorkspaceRole.Admin)
            return;
        var anotherAdmin = await db.Users.AnyAsync(
            // An invited admin who has not joined yet (W26) may never join: not one who could manage the workspace.
            u => u.WorkspaceId == user.WorkspaceId && u.Role == WorkspaceRole.Admin && u.EmailConfirmed && u.Id != user.Id, cancellationToken);
        if (!anotherAdmin)
            throw new ConflictException($"{user.DisplayName} is the last admin of this workspace. Make another user an admin first, then {then}.");
    }
}
