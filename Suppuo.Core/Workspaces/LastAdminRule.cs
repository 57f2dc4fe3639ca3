using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>A workspace always keeps an admin: without one, nobody could manage its agents, keys or channels again.</summary>
internal static class LastAdminRule
{
    /// <summary>
    /// Check and change inside this transaction. On SQLite it is BEGIN IMMEDIATE, which takes the write lock before the
    /// admins are counted, so two admins demoting each other at once cannot both see "another admin" and leave none.
    /// </summary>
    public static Task<IDbContextTransaction> BeginAsync(SuppuoDbContext db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(cancellationToken);

    /// <param name="then">What the admin may do once another user is an admin, e.g. "remove them".</param>
    public static async Task EnsureAnotherAdminAsync(SuppuoDbContext db, AppUser user, string then, CancellationToken cancellationToken)
    {
        if (user.Role != WorkspaceRole.Admin)
            return;
        var anotherAdmin = await db.Users.AnyAsync(
            u => u.WorkspaceId == user.WorkspaceId && u.Role == WorkspaceRole.Admin && u.Id != user.Id, cancellationToken);
        if (!anotherAdmin)
            throw new ConflictException($"{user.DisplayName} is the last admin of this workspace. Make another user an admin first, then {then}.");
    }
}
