using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Attachments;

public sealed record AttachmentFile(string FileName, string ContentType, Stream Content);

/// <summary>A stored attachment's bytes, for the caller's workspace only.</summary>
public sealed record GetAttachment(int WorkspaceId, int AttachmentId) : IRequest<AttachmentFile>;

public sealed class GetAttachmentHandler(SuppuoDbContext db, IAttachmentStore store) : IRequestHandler<GetAttachment, AttachmentFile>
{
    public async Task<AttachmentFile> Handle(GetAttachment request, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == request.AttachmentId && a.Message.Ticket.WorkspaceId == request.WorkspaceId)
            .Select(a => new { a.FileName, a.ContentType, a.StorageKey, a.Status })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Attachment {request.AttachmentId} was not found.");
        if (attachment.Status != AttachmentStatus.Ready || attachment.StorageKey is null)
            throw new NotFoundException($"Attachment {request.AttachmentId} has no stored file yet ({attachment.Status.ToString().ToLowerInvariant()}).");

        var content = store.OpenRead(attachment.StorageKey)
            ?? throw new NotFoundException($"The file of attachment {request.AttachmentId} is missing from storage.");
        return new AttachmentFile(attachment.FileName, attachment.ContentType, content);
    }
}
