using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Automation;

/// <summary>The auto-reply as the API shows it (docs/contract.md, "/api/v1/settings/auto-reply").</summary>
public sealed record AutoReplyDto(bool Enabled, string Text);

/// <summary>A workspace's auto-reply; off, with a suggested text, until an admin saves one.</summary>
public sealed record GetAutoReply(int WorkspaceId) : IRequest<AutoReplyDto>;

public sealed class GetAutoReplyHandler(SuppuoDbContext db) : IRequestHandler<GetAutoReply, AutoReplyDto>
{
    public async Task<AutoReplyDto> Handle(GetAutoReply request, CancellationToken cancellationToken) =>
        await db.AutoReplySettings.AsNoTracking()
            .Where(s => s.WorkspaceId == request.WorkspaceId)
            .Select(s => new AutoReplyDto(s.Enabled, s.Text))
            .SingleOrDefaultAsync(cancellationToken)
        ?? new AutoReplyDto(false, AutoReplyText.DefaultText);
}
