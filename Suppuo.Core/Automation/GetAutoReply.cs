using System.Text.Json.Serialization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Automation;

/// <summary>The auto-reply as the API shows it (docs/contract.md, "/api/v1/settings/auto-reply").</summary>
/// <param name="IsDefault">The admin never changed the text: it is the default in the workspace's language, and follows it (W24).</param>
/// <param name="Language">The workspace's language, which the customer reads the reply in.</param>
public sealed record AutoReplyDto(
    bool Enabled, string Text, [property: JsonIgnore] bool IsDefault = false, [property: JsonIgnore] string Language = Workspaces.Languages.English);

/// <summary>A workspace's auto-reply; off, with the default text in the workspace's language, until an admin saves one.</summary>
public sealed record GetAutoReply(int WorkspaceId) : IRequest<AutoReplyDto>;

public sealed class GetAutoReplyHandler(SuppuoDbContext db) : IRequestHandler<GetAutoReply, AutoReplyDto>
{
    public async Task<AutoReplyDto> Handle(GetAutoReply request, CancellationToken cancellationToken)
    {
        var language = await db.Workspaces.Where(w => w.Id == request.WorkspaceId).Select(w => w.Language).SingleOrDefaultAsync(cancellationToken);
        var settings = await db.AutoReplySettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == request.WorkspaceId, cancellationToken);
        return AutoReplyDto(settings, CustomerText.For(language));
    }

    internal static AutoReplyDto AutoReplyDto(AutoReplySettings? settings, CustomerText words) =>
        AutoReplyText.IsDefault(settings?.Text)
            ? new(settings?.Enabled ?? false, words.DefaultAutoReply, IsDefault: true, words.Language)
            : new(settings!.Enabled, settings.Text!, IsDefault: false, words.Language);
}
