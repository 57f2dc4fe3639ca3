using MediatR;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.StatusPage;

/// <summary>The customer rates how their request was handled (CSAT), from the status page of a resolved ticket.</summary>
public sealed record RateTicket(string? Token, int? Rating, string? Comment) : IRequest, IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        if (Rating is null or < 1 or > 5)
            errors.Add("rating", "Choose a rating from 1 (bad) to 5 (great).");
        errors.MaxLength("comment", Comment?.Trim(), Ticket.CsatCommentMaxLength);
    }
}

public sealed class RateTicketHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<RateTicket>
{
    public async Task<Unit> Handle(RateTicket request, CancellationToken cancellationToken)
    {
        var ticket = await StatusTokens.FindTicketAsync(db.Tickets, request.Token, cancellationToken);
        // Asked only once the work is done: a rating of an open ticket would rate a conversation still going on.
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
            throw new ConflictException("You can rate this request once it is resolved.");
        // A later rating replaces the first: the customer may change their mind. It changes no status and no activity time.
        ticket.CsatRating = request.Rating;
        ticket.CsatComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        ticket.CsatRatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
