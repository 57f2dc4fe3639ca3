using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.CannedResponses;

/// <summary>
/// Creates a canned response (<see cref="Id"/> null) or replaces one's shortcut and text. Files given replace its files;
/// null <see cref="Files"/> keeps them on an update. Only admins edit them: they speak for the whole workspace (W23).
/// </summary>
public sealed record SaveCannedResponse(int WorkspaceId, int? Id, string? Shortcut, string? Text, IReadOnlyList<NewAttachment>? Files = null)
    : IRequest<CannedResponseDto>, IValidatable, IAdminRequest
{
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        var shortcut = Shortcut?.Trim().TrimStart('/') ?? "";
        if (shortcut.Length == 0)
            errors.Add("shortcut", "Is required: the word an agent types after '/', such as 'thanks'.");
        else if (shortcut.Length > CannedResponse.ShortcutMaxLength)
            errors.Add("shortcut", $"Must be at most {CannedResponse.ShortcutMaxLength} characters (got {shortcut.Length}).");
        else if (shortcut.Any(c => !char.IsLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
            errors.Add("shortcut", "Use letters, digits, '-', '_' or '.' only (no spaces), so it can be typed after '/'.");
        if (string.IsNullOrWhiteSpace(Text))
            errors.Add("text", "Is required: the reply the shortcut inserts.");
        errors.MaxLength("text", Text, CannedResponse.TextMaxLength);
        var files = Files ?? [];
        if (files.Count > CannedResponse.MaxFiles)
            errors.Add("files", $"At most {CannedResponse.MaxFiles} files (got {files.Count}).");
        foreach (var file in files)
        {
            if (file.Length > PostMessage.MaxFileBytes)
                errors.Add("files", $"'{file.FileName}' is {file.Length / 1024 / 1024} MiB; the limit is {PostMessage.MaxFileBytes / 1024 / 1024} MiB per file.");
            if (file.Length == 0)
                errors.Add("files", $"'{file.FileName}' is empty.");
        }
    }

    public string NormalizedShortcut => Shortcut!.Trim().TrimStart('/').ToLowerInvariant();
}

public sealed class SaveCannedResponseHandler(SuppuoDbContext db, IAttachmentStore store, TimeProvider clock)
    : IRequestHandler<SaveCannedResponse, CannedResponseDto>
{
    public async Task<CannedResponseDto> Handle(SaveCannedResponse request, CancellationToken cancellationToken)
    {
        var shortcut = request.NormalizedShortcut;
        var now = clock.GetUtcNow().UtcDateTime;
        CannedResponse canned;
        if (request.Id is { } id)
            canned = await db.CannedResponses.Include(c => c.Files).SingleOrDefaultAsync(c => c.Id == id && c.WorkspaceId == request.WorkspaceId, cancellationToken)
                ?? throw new NotFoundException($"Canned response {id} was not found.");
        else
            db.CannedResponses.Add(canned = new CannedResponse { WorkspaceId = request.WorkspaceId, CreatedAt = now });

        if (await db.CannedResponses.AnyAsync(c => c.WorkspaceId == request.WorkspaceId && c.Shortcut == shortcut && c.Id != canned.Id, cancellationToken))
            throw new ConflictException($"The shortcut '/{shortcut}' is taken by another canned response: choose another or edit that one.");

        canned.Shortcut = shortcut;
        canned.Text = request.Text!.Trim();
        canned.UpdatedAt = now;
        var replaced = new List<string>();
        var saved = new List<string>();
        if (request.Files is { } files)
        {
            replaced.AddRange(canned.Files.Select(f => f.StorageKey));
            canned.Files.Clear();
            foreach (var file in files)
            {
                await using var content = file.Open();
                var key = await store.SaveAsync(content, cancellationToken);
                saved.Add(key);
                canned.Files.Add(new CannedResponseFile
                {
                    FileName = TextBounds.FileName(PostMessageHandler.SafeFileName(file.FileName), Attachment.FileNameMaxLength),
                    ContentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : TextBounds.Cut(file.ContentType, Attachment.ContentTypeMaxLength),
                    Size = file.Length,
                    StorageKey = key,
                });
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException taken) when (UniqueViolation.Caused(taken))
        {
            saved.ForEach(store.Delete);
            throw new ConflictException($"The shortcut '/{shortcut}' is taken by another canned response: choose another or edit that one.");
        }
        catch
        {
            saved.ForEach(store.Delete);
            throw;
        }
        replaced.ForEach(store.Delete); // no row refers to them any more: messages hold copies
        return canned.ToDto();
    }
}
