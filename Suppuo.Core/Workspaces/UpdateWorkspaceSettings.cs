using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Workspaces;

/// <summary>The workspace's language changed: agents who never chose their own speak the new one from their next page.</summary>
public sealed record WorkspaceLanguageChanged(int WorkspaceId, IReadOnlyList<string> UserIds) : INotification;

/// <summary>
/// An admin changes the workspace's name, language, time zone and read receipts: all four, as PUT replaces the whole
/// setting (W24, W22). Customers read the new language and zone from their next page or mail.
/// </summary>
public sealed record UpdateWorkspaceSettings(int WorkspaceId, string? Name, string? Language, string? TimeZone, ReadReceipts? ReadReceipts)
    : IRequest<WorkspaceSettingsDto>, IValidatable, IAdminRequest
{
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.Required("name", Name);
        errors.MaxLength("name", Name?.Trim(), Workspace.NameMaxLength);
        WorkspaceSettingsRules.Language(errors, "language", Language);
        WorkspaceSettingsRules.TimeZone(errors, "timeZone", TimeZone);
        if (ReadReceipts is null)
            errors.Add("readReceipts", "Is required: off, on-open or assignee-open.");
    }
}

public sealed class UpdateWorkspaceSettingsHandler(SuppuoDbContext db, IMediator mediator) : IRequestHandler<UpdateWorkspaceSettings, WorkspaceSettingsDto>
{
    public async Task<WorkspaceSettingsDto> Handle(UpdateWorkspaceSettings request, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleOrDefaultAsync(w => w.Id == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException("This workspace no longer exists.");
        var languageChanged = workspace.Language != request.Language;
        workspace.Name = request.Name!.Trim();
        workspace.Language = request.Language!;
        workspace.TimeZone = request.TimeZone!;
        workspace.ReadReceipts = request.ReadReceipts!.Value;
        await db.SaveChangesAsync(cancellationToken);

        if (languageChanged)
        {
            var users = await db.Users.Where(u => u.WorkspaceId == workspace.Id).Select(u => u.Id).ToListAsync(cancellationToken);
            await mediator.Publish(new WorkspaceLanguageChanged(workspace.Id, users), cancellationToken);
        }
        return new WorkspaceSettingsDto(workspace.Name, workspace.Language, workspace.TimeZone, workspace.ReadReceipts);
    }
}
