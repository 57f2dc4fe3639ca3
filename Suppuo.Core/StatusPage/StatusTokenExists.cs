using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.StatusPage;

/// <summary>Whether a status link opens a ticket: checked before the page renders, so an unknown link is a plain 404.</summary>
public sealed record StatusTokenExists(string? Token) : IRequest<bool>;

public sealed class StatusTokenExistsHandler(SuppuoDbContext db) : IRequestHandler<StatusTokenExists, bool>
{
    public async Task<bool> Handle(StatusTokenExists request, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(request.Token) && request.Token.Length <= 64
        && await db.Tickets.AnyAsync(t => t.StatusToken == request.Token, cancellationToken);
}
