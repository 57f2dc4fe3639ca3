using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Data;
using Suppuo.Core.Delivery;
using Suppuo.Core.Email;

namespace Suppuo.Core.Operations;

/// <summary>
/// One durable queue's waiting work: rows not yet done, those already tried and failed at least once (the provider or
/// mail server is failing them), and how long the longest-due row has been due. A healthy worker claims a due row within
/// a poll; a row due for longer than a few leases means no worker on any node is getting through the queue.
/// </summary>
public sealed record QueueBacklog(string Queue, int Waiting, int Retrying, TimeSpan OldestDueAge);

/// <summary>The reply outbox, the inbound media downloads and the mail outbox, for readiness and metrics (W25).</summary>
public sealed record GetBacklog : IRequest<IReadOnlyList<QueueBacklog>>;

public sealed class GetBacklogHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<GetBacklog, IReadOnlyList<QueueBacklog>>
{
    public const string Replies = "replies";
    public const string Media = "media";
    public const string Mail = "mail";

    public async Task<IReadOnlyList<QueueBacklog>> Handle(GetBacklog request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Each query walks the (Status, NextAttemptAt) index of its table: only waiting rows are read, never the history.
        var replies = db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued);
        var media = db.Attachments.Where(a => a.Status == AttachmentStatus.Pending);
        var mail = db.OutboundEmails.Where(e => e.Status == EmailStatus.Queued);
        return
        [
            new(Replies, await replies.CountAsync(cancellationToken), await replies.CountAsync(d => d.Attempts > 0, cancellationToken),
                Age(now, await replies.Where(d => d.NextAttemptAt <= now).MinAsync(d => (DateTime?)d.NextAttemptAt, cancellationToken))),
            new(Media, await media.CountAsync(cancellationToken), await media.CountAsync(a => a.Attempts > 0, cancellationToken),
                Age(now, await media.Where(a => a.NextAttemptAt <= now).MinAsync(a => a.NextAttemptAt, cancellationToken))),
            new(Mail, await mail.CountAsync(cancellationToken), await mail.CountAsync(e => e.Attempts > 0, cancellationToken),
                Age(now, await mail.Where(e => e.NextAttemptAt <= now).MinAsync(e => (DateTime?)e.NextAttemptAt, cancellationToken))),
        ];
    }

    private static TimeSpan Age(DateTime now, DateTime? oldestDue) => oldestDue is { } due && due < now ? now - due : TimeSpan.Zero;
}
