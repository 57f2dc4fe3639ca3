using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>A workspace's tickets, newest activity first, a page at a time (keyset pagination: stable while tickets move).</summary>
/// <param name="ConnectionId">
/// W19: only the tickets of the number this connection carries (or carried); another workspace's connection matches none,
/// as one that does not exist.
/// </param>
public sealed record ListTickets(
    int WorkspaceId, TicketStatus? Status = null, TicketChannel? Channel = null, string? RequesterPhone = null,
    int? Limit = null, string? Cursor = null, int? ConnectionId = null)
    : IRequest<TicketPage>, IValidatable
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public void Validate(ValidationErrors errors)
    {
        if (RequesterPhone is not null && !PhoneNumber.IsE164(RequesterPhone))
            errors.Add("requesterPhone", "Must be an E.164 number such as +6281234567890 (send '+' as %2B).");
        if (Limit is < 1 or > MaxLimit)
            errors.Add("limit", $"Must be between 1 and {MaxLimit}.");
        if (Cursor is not null && TicketCursor.Decode(Cursor) is null)
            errors.Add("cursor", "Is not a cursor this API returned.");
    }
}

public sealed record TicketPage(IReadOnlyList<TicketDto> Items, string? NextCursor);

public sealed class ListTicketsHandler(SuppuoDbContext db) : IRequestHandler<ListTickets, TicketPage>
{
    public async Task<TicketPage> Handle(ListTickets request, CancellationToken cancellationToken)
    {
        var query = db.Tickets.AsNoTracking().Where(t => t.WorkspaceId == request.WorkspaceId);
        if (request.Status is { } status)
            query = query.Where(t => t.Status == status);
        if (request.Channel is { } channel)
            query = query.Where(t => t.Channel == channel);
        if (request.RequesterPhone is not null)
            query = query.Where(t => t.RequesterPhone == request.RequesterPhone);
        if (request.ConnectionId is { } connectionId)
        {
            // On the number's index (WorkspaceId, BusinessNumberId, LastMessageAt), as the inbox's number filter.
            var numberId = await db.WhatsAppConnections.AsNoTracking()
                .Where(c => c.Id == connectionId && c.WorkspaceId == request.WorkspaceId).Select(c => c.BusinessNumberId).SingleOrDefaultAsync(cancellationToken);
            query = numberId is null ? query.Where(t => false) : query.Where(t => t.BusinessNumberId == numberId);
        }
        if (request.Cursor is not null && TicketCursor.Decode(request.Cursor) is { } after)
            query = query.Where(t => t.LastMessageAt < after.LastMessageAt || (t.LastMessageAt == after.LastMessageAt && t.Id < after.Id));

        var limit = request.Limit ?? ListTickets.DefaultLimit;
        var tickets = await query.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id)
            .Take(limit + 1).ToListWithConnectionIdAsync(db, cancellationToken);

        var next = tickets.Count > limit ? TicketCursor.Encode(tickets[limit - 1]) : null;
        return new TicketPage(tickets.Take(limit).Select(t => t.ToDto()).ToList(), next);
    }
}

/// <summary>The position after the last ticket of a page: its last activity and id.</summary>
internal sealed record TicketCursor(DateTime LastMessageAt, int Id)
{
    public static string Encode(Ticket last) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{last.LastMessageAt.Ticks}:{last.Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static TicketCursor? Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            var parts = text.Split(':');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and <= 3155378975999999999
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new TicketCursor(new DateTime(ticks, DateTimeKind.Utc), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
