using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>The workspace's customer satisfaction: the average rating and how many tickets were rated.</summary>
public sealed record CsatSummary(double? Average, int Count);

public sealed record GetCsatSummary(int WorkspaceId) : IRequest<CsatSummary>;

public sealed class GetCsatSummaryHandler(SuppuoDbContext db) : IRequestHandler<GetCsatSummary, CsatSummary>
{
    public async Task<CsatSummary> Handle(GetCsatSummary request, CancellationToken cancellationToken)
    {
        var rated = db.Tickets.Where(t => t.WorkspaceId == request.WorkspaceId && t.CsatRating != null);
        var count = await rated.CountAsync(cancellationToken);
        return new CsatSummary(count == 0 ? null : await rated.AverageAsync(t => (double)t.CsatRating!.Value, cancellationToken), count);
    }
}
