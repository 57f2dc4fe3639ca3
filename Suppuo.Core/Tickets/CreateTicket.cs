using System.Net.Mail;
using MediatR;
using Suppuo.Core.Common;
using Suppuo.Core.Data;

namespace Suppuo.Core.Tickets;

/// <summary>A ticket opened on the customer's behalf (API or agent); <see cref="Body"/> is the customer's first message.</summary>
public sealed record CreateTicket(
    int WorkspaceId, string? Subject, string? Body, TicketChannel? Channel,
    string? RequesterName = null, string? RequesterEmail = null, string? RequesterPhone = null, int? ConnectionId = null)
    : IRequest<TicketDto>, IValidatable
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("subject", Subject);
        errors.MaxLength("subject", Subject?.Trim(), Ticket.SubjectMaxLength);
        errors.MaxLength("body", Body, Message.BodyMaxLength);
        errors.MaxLength("requesterName", RequesterName, 200);
        if (Channel is not { } channel)
            errors.Add("channel", "Is required.");
        else if (channel == TicketChannel.Email && string.IsNullOrWhiteSpace(RequesterEmail))
            errors.Add("requesterEmail", "Is required on an email ticket.");
        // W27: a WhatsApp ticket may have no phone (W18 made phone-less WhatsApp customers normal); it simply gets no
        // WhatsApp delivery, and its public replies reach the customer by email or the status page.
        if (!string.IsNullOrWhiteSpace(RequesterEmail) && (RequesterEmail.Length > 254 || !MailAddress.TryCreate(RequesterEmail.Trim(), out _)))
            errors.Add("requesterEmail", $"'{RequesterEmail}' is not an email address.");
        if (ConnectionId is not null && Channel is { } other && other != TicketChannel.WhatsApp)
            errors.Add("connectionId", "Only a WhatsApp ticket belongs to a number: leave it out on an email or web ticket.");
        if (!string.IsNullOrWhiteSpace(RequesterPhone) && !PhoneNumber.IsE164(RequesterPhone.Trim()))
            errors.Add("requesterPhone", "Must be an E.164 number such as +6281234567890.");
    }
}

public sealed class CreateTicketHandler(SuppuoDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<CreateTicket, TicketDto>
{
    public async Task<TicketDto> Handle(CreateTicket request, CancellationToken cancellationToken)
    {
        // W19: a WhatsApp ticket belongs to the number named, else to the default number.
        var number = request.Channel != TicketChannel.WhatsApp ? null
            : request.ConnectionId is { } connectionId ? await WhatsApp.TicketNumber.OfConnectionAsync(db, request.WorkspaceId, connectionId, cancellationToken)
            : await WhatsApp.TicketNumber.DefaultAsync(db, request.WorkspaceId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var ticket = new Ticket
        {
            WorkspaceId = request.WorkspaceId,
            Subject = request.Subject!.Trim(),
            Channel = request.Channel!.Value,
            Status = TicketStatus.Open, // T1
            RequesterName = NullIfBlank(request.RequesterName),
            RequesterEmail = NullIfBlank(request.RequesterEmail),
            RequesterPhone = NullIfBlank(request.RequesterPhone),
            BusinessNumberId = number?.Id,
            ConnectionId = number?.ConnectionId,
            StatusToken = StatusToken.New(),
            CreatedAt = now,
            UpdatedAt = now,
            LastMessageAt = now,
        };
        if (!string.IsNullOrWhiteSpace(request.Body))
            ticket.Messages.Add(new Message { Author = MessageAuthor.Requester, Body = request.Body, CreatedAt = now });

        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(cancellationToken);

        await mediator.Publish(new TicketCreated(ticket.WorkspaceId, ticket.Id, ticket.RequesterEmail is not null), cancellationToken);
        foreach (var message in ticket.Messages)
            await mediator.Publish(new MessageAdded(ticket.WorkspaceId, ticket.Id, message.Id, message.Author), cancellationToken);
        return ticket.ToDto(ticket.Messages);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
