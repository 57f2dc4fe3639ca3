using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.StatusPage;

/// <summary>
/// The language of the workspace a status link belongs to, or null when the link opens no ticket. Asked before the page
/// renders: an unknown link is a plain 404, and a known one speaks its workspace's language whatever the customer's
/// browser prefers (W24).
/// </summary>
public sealed record GetStatusPageLanguage(string? Token) : IRequest<string?>;

public sealed class GetStatusPageLanguageHandler(SuppuoDbContext db) : IRequestHandler<GetStatusPageLanguage, string?>
{
    public async Task<string?> Handle(GetStatusPageLanguage request, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(request.Token) || request.Token.Length > 64
            ? null
            : await db.Tickets.Where(t => t.StatusToken == request.Token)
                .Join(db.Workspaces, t => t.WorkspaceId, w => w.Id, (t, w) => w.Language)
                .SingleOrDefaultAsync(cancellationToken);
}
