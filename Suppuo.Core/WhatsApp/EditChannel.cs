using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>
/// PATCH /api/v1/channels/{id} (W19): a number's label, whether it is the default, and its default assignee; its
/// credentials are untouched. Null leaves a field unchanged; the default assignee changes only when
/// <see cref="SetDefaultAssignee"/> is true, and then null clears it.
/// </summary>
public sealed record EditChannel(int WorkspaceId, int ChannelId, string? Label = null, bool? IsDefault = null,
    bool SetDefaultAssignee = false, string? DefaultAssigneeId = null) : IRequest<ConnectionDto>, IAdminRequest, IValidatable
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        ChannelLabel.Validate(errors, Label);
        if (IsDefault == false)
            errors.Add("isDefault", "Only true is accepted: make another number the default instead (a workspace always has one).");
    }
}

public sealed class EditChannelHandler(SuppuoDbContext db) : IRequestHandler<EditChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(EditChannel request, CancellationToken cancellationToken)
    {
        var connection = await ChannelQueries.ConnectedAsync(db, request.WorkspaceId, request.ChannelId, cancellationToken);
        if (request.SetDefaultAssignee && request.DefaultAssigneeId is not null
            && !await db.Users.AnyAsync(u => u.Id == request.DefaultAssigneeId && u.WorkspaceId == request.WorkspaceId, cancellationToken))
            throw new ValidationFailedException("defaultAssigneeId", $"No agent with id '{request.DefaultAssigneeId}' in this workspace (GET /api/v1/agents lists them).");

        if (request.Label is not null)
            connection.Label = ChannelLabel.Or(request.Label, connection.DisplayNumber);
        if (request.SetDefaultAssignee)
            connection.DefaultAssigneeId = request.DefaultAssigneeId;
        if (request.IsDefault == true && !connection.IsDefault)
        {
            // Saved together: the workspace never has two defaults, nor none.
            foreach (var earlier in await db.WhatsAppConnections.Where(c => c.WorkspaceId == request.WorkspaceId && c.IsDefault).ToListAsync(cancellationToken))
                earlier.IsDefault = false;
            connection.IsDefault = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        return connection.ToDto();
    }
}
