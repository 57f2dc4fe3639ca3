using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Email;

/// <summary>
/// <c>Suppuo:Mail:MaxPerWorkspacePerHour</c> (W26): one workspace sends at most that many customer mails in any
/// sliding hour, so an open sign-up cannot turn the operator's mail server into a spam relay. A mail over the cap is
/// never dropped or failed: it waits in the outbox until the hour's window frees a slot.
/// </summary>
public static class CustomerMailCap
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>When the workspace may send its next mail, or null when it may send now.</summary>
    public static async Task<DateTime?> NextFreeSlotAsync(SuppuoDbContext db, int workspaceId, int limit, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        var sent = db.OutboundEmails.Where(e => e.WorkspaceId == workspaceId && e.Status == EmailStatus.Sent && e.SentAt > since);
        var count = await sent.CountAsync(cancellationToken);
        if (count < limit)
            return null;
        // The window holds `count` sends; one more slot frees when the (count - limit + 1)-th oldest of them leaves it.
        var leaving = await sent.OrderBy(e => e.SentAt).Select(e => e.SentAt).Skip(count - limit).FirstAsync(cancellationToken);
        return leaving!.Value + Window;
    }
}
