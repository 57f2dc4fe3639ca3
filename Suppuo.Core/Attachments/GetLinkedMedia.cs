using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Attachments;

/// <summary>
/// The file behind a signed media link (W14), for whoever holds the link — Twilio fetching an agent's file. Anything
/// but a valid, unexpired link to a stored file of a public message is the same 404, so a link reveals nothing else.
/// </summary>
public sealed record GetLinkedMedia(string Token) : IRequest<AttachmentFile>;

public sealed class GetLinkedMediaHandler(SuppuoDbContext db, IAttachmentStore store, MediaLinks links) : IRequestHandler<GetLinkedMedia, AttachmentFile>
{
    private const string NotFound = "This media link is not valid or has expired.";

    public async Task<AttachmentFile> Handle(GetLinkedMedia request, CancellationToken cancellationToken)
    {
        var target = links.Read(request.Token) ?? throw new NotFoundException(NotFound);
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == target.AttachmentId && a.Message.Ticket.WorkspaceId == target.WorkspaceId && !a.Message.Internal
                && a.Status == AttachmentStatus.Ready && a.StorageKey != null)
            .Select(a => new { a.FileName, a.ContentType, a.StorageKey })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFound);
        var content = store.OpenRead(attachment.StorageKey!) ?? throw new NotFoundException(NotFound);
        return new AttachmentFile(attachment.FileName, attachment.ContentType, content);
    }
}
