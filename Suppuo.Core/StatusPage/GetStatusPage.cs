using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.StatusPage;

/// <summary>The customer's view of their ticket, found by its status token alone (the link is the credential).</summary>
public sealed record GetStatusPage(string? Token) : IRequest<StatusPageDto>;

public sealed class GetStatusPageHandler(SuppuoDbContext db) : IRequestHandler<GetStatusPage, StatusPageDto>
{
    public async Task<StatusPageDto> Handle(GetStatusPage request, CancellationToken cancellationToken)
    {
        var ticket = await StatusTokens.FindTicketAsync(db.Tickets.AsNoTracking(), request.Token, cancellationToken);
        var workspace = await db.Workspaces.Where(w => w.Id == ticket.WorkspaceId)
            .Select(w => new { w.Name, w.Language, w.TimeZone }).SingleAsync(cancellationToken);

        // Internal notes never leave the building: filtered in the query, not in the page.
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id && !m.Internal)
            .Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var words = CustomerText.For(workspace.Language);
        return new StatusPageDto(
            ticket.Id, workspace.Name, ticket.Subject, ticket.Status, CanReply: ticket.Status != TicketStatus.Closed,
            messages.Select(m => new StatusMessageDto(
                m.Id, m.Author == MessageAuthor.Requester, m.Author == MessageAuthor.Automation,
                m.Author == MessageAuthor.Requester ? words.Placeholders(m.Body) : m.Body, m.CreatedAt,
                m.Attachments.OrderBy(a => a.Id)
                    .Select(a => new StatusAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.Status == AttachmentStatus.Ready))
                    .ToList()))
            .ToList(),
            CanRate: ticket.Status is TicketStatus.Resolved or TicketStatus.Closed, ticket.CsatRating, ticket.CsatComment,
            workspace.Language, workspace.TimeZone);
    }
}

internal static class StatusTokens
{
    /// <summary>
    /// The ticket of a status token, or a <see cref="NotFoundException"/> that says nothing about which tickets exist.
    /// A malformed token is refused before it reaches the database.
    /// </summary>
    public static async Task<Ticket> FindTicketAsync(IQueryable<Ticket> tickets, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
            throw new NotFoundException("This status link is not valid.");
        return await tickets.SingleOrDefaultAsync(t => t.StatusToken == token, cancellationToken)
            ?? throw new NotFoundException("This status link is not valid.");
    }

    /// <summary>What Suppuo tells this ticket's customer, in its workspace's language (W24).</summary>
    public static async Task<CustomerText> TextOfAsync(SuppuoDbContext db, Ticket ticket, CancellationToken cancellationToken) =>
        CustomerText.For(await db.Workspaces.Where(w => w.Id == ticket.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken));
}
