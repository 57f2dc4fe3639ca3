using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.Automation;

/// <summary>
/// Saves a workspace's auto-reply: both fields, as PUT replaces the whole setting. The default text — saved unchanged,
/// or asked for with <see cref="ResetToDefault"/> — is stored as "default", not as a copy, so it keeps following the
/// workspace's language (W24).
/// </summary>
public sealed record UpdateAutoReply(int WorkspaceId, bool? Enabled, string? Text) : IRequest<AutoReplyDto>, IValidatable, IAdminRequest
{
    /// <summary>Back to the default text in the workspace's language; <see cref="Text"/> is not needed then.</summary>
    public bool ResetToDefault { get; init; }

    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }

    public void Validate(ValidationErrors errors)
    {
        if (Enabled is null)
            errors.Add("enabled", "Is required: true or false.");
        if (ResetToDefault)
            return;
        if (Text is null)
            errors.Add("text", "Is required (it may be empty while the auto-reply is off).");
        else if (Enabled == true && string.IsNullOrWhiteSpace(Text))
            errors.Add("text", "Cannot be empty while the auto-reply is on.");
        errors.MaxLength("text", Text, AutoReplySettings.TextMaxLength);
    }
}

public sealed class UpdateAutoReplyHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<UpdateAutoReply, AutoReplyDto>
{
    public async Task<AutoReplyDto> Handle(UpdateAutoReply request, CancellationToken cancellationToken)
    {
        var settings = await db.AutoReplySettings.SingleOrDefaultAsync(s => s.WorkspaceId == request.WorkspaceId, cancellationToken);
        if (settings is null)
            db.AutoReplySettings.Add(settings = new AutoReplySettings { WorkspaceId = request.WorkspaceId });
        var words = CustomerText.For(await db.Workspaces.Where(w => w.Id == request.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken));
        settings.Enabled = request.Enabled!.Value;
        settings.Text = request.ResetToDefault || AutoReplyText.IsDefault(request.Text) ? null : request.Text;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return GetAutoReplyHandler.AutoReplyDto(settings, words);
    }
}
