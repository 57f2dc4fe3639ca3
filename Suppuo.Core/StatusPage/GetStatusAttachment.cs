using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.StatusPage;

/// <summary>
/// An attachment's bytes for the customer: only of a public message of the ticket this token opens, so a status
/// link never reaches another ticket's files or an internal note's.
/// </summary>
public sealed record GetStatusAttachment(string? Token, int AttachmentId) : IRequest<AttachmentFile>;

public sealed class GetStatusAttachmentHandler(SuppuoDbContext db, IAttachmentStore store) : IRequestHandler<GetStatusAttachment, AttachmentFile>
{
    public async Task<AttachmentFile> Handle(GetStatusAttachment request, CancellationToken cancellationToken)
    {
        var notFound = new NotFoundException("There is no such file on this request.");
        if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 64)
            throw notFound;
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == request.AttachmentId && !a.Message.Internal && a.Message.Ticket.StatusToken == request.Token)
            .Select(a => new { a.FileName, a.ContentType, a.StorageKey, a.Status })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw notFound;
        if (attachment.Status != AttachmentStatus.Ready || attachment.StorageKey is null)
            throw notFound;
        var content = store.OpenRead(attachment.StorageKey) ?? throw notFound;
        return new AttachmentFile(attachment.FileName, attachment.ContentType, content);
    }
}
