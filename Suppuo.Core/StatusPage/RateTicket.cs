using MediatR;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.StatusPage;

/// <summary>
/// The customer rates how their request was handled (CSAT), from the status page of a resolved ticket. Checked in the
/// handler, where the ticket's workspace says which language the customer is answered in (W24).
/// </summary>
public sealed record RateTicket(string? Token, int? Rating, string? Comment) : IRequest
{
    internal void Validate(ValidationErrors errors, CustomerText text)
    {
        if (Rating is null or < 1 or > 5)
            errors.Add("rating", text.ChooseRating);
        if (Comment?.Trim() is { Length: > Ticket.CsatCommentMaxLength } comment)
            errors.Add("comment", text.TooLong(Ticket.CsatCommentMaxLength, comment.Length));
    }
}

public sealed class RateTicketHandler(SuppuoDbContext db, TimeProvider clock) : IRequestHandler<RateTicket>
{
    public async Task<Unit> Handle(RateTicket request, CancellationToken cancellationToken)
    {
        var ticket = await StatusTokens.FindTicketAsync(db.Tickets, request.Token, cancellationToken);
        var text = await StatusTokens.TextOfAsync(db, ticket, cancellationToken);
        var errors = new ValidationErrors();
        request.Validate(errors, text);
        errors.ThrowIfAny();
        // Asked only once the work is done: a rating of an open ticket would rate a conversation still going on.
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
            throw new ConflictException(text.RateOnceResolved);
        // A later rating replaces the first: the customer may change their mind. It changes no status and no activity time.
        ticket.CsatRating = request.Rating;
        ticket.CsatComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        ticket.CsatRatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
