using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.CannedResponses;

/// <summary>
/// A canned response's files as files an agent attaches (W14): the composer sends them through <see cref="PostMessage"/>
/// like its own, which copies the bytes into the message.
/// </summary>
public sealed record OpenCannedFiles(int WorkspaceId, int Id) : IRequest<IReadOnlyList<NewAttachment>>;

public sealed class OpenCannedFilesHandler(SuppuoDbContext db, IAttachmentStore store) : IRequestHandler<OpenCannedFiles, IReadOnlyList<NewAttachment>>
{
    public async Task<IReadOnlyList<NewAttachment>> Handle(OpenCannedFiles request, CancellationToken cancellationToken)
    {
        var files = await db.CannedResponseFiles.AsNoTracking()
            .Where(f => f.CannedResponseId == request.Id && db.CannedResponses.Any(c => c.Id == request.Id && c.WorkspaceId == request.WorkspaceId))
            .OrderBy(f => f.Id).ToListAsync(cancellationToken);
        return files.Select(f => new NewAttachment(f.FileName, f.ContentType, f.Size,
            () => store.OpenRead(f.StorageKey) ?? throw new NotFoundException($"The file '{f.FileName}' of this canned response is gone: an admin may attach it again."))).ToList();
    }
}
