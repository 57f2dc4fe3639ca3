using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Delivery;
using Suppuo.Core.WhatsApp;

namespace Suppuo.Core.Tickets;

/// <summary>A file an agent attaches to a message.</summary>
public sealed record NewAttachment(string FileName, string? ContentType, long Length, Func<Stream> Open);

/// <summary>An agent's public reply or internal note, with optional files.</summary>
public sealed record PostMessage(
    int WorkspaceId, int TicketId, string? Body, bool Internal, string? AuthorUserId = null,
    IReadOnlyList<NewAttachment>? Files = null)
    : IRequest<MessageDto>, IValidatable
{
    public const int MaxFiles = 10;
    public const long MaxFileBytes = 25 * 1024 * 1024;

    public void Validate(ValidationErrors errors)
    {
        var files = Files ?? [];
        if (string.IsNullOrWhiteSpace(Body) && files.Count == 0)
            errors.Add("body", "Is required (or attach at least one file).");
        errors.MaxLength("body", Body, Message.BodyMaxLength);
        if (files.Count > MaxFiles)
            errors.Add("files", $"At most {MaxFiles} files per message (got {files.Count}).");
        foreach (var file in files)
        {
            if (file.Length > MaxFileBytes)
                errors.Add("files", $"'{file.FileName}' is {file.Length / 1024 / 1024} MiB; the limit is {MaxFileBytes / 1024 / 1024} MiB per file.");
            if (file.Length == 0)
                errors.Add("files", $"'{file.FileName}' is empty.");
        }
    }
}

public sealed class PostMessageHandler(
    SuppuoDbContext db, IAttachmentStore store, IMediator mediator, TimeProvider clock, DeliverySignal deliveries)
    : IRequestHandler<PostMessage, MessageDto>
{
    public async Task<MessageDto> Handle(PostMessage request, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == request.TicketId && t.WorkspaceId == request.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException($"Ticket {request.TicketId} was not found.");

        var now = clock.GetUtcNow().UtcDateTime;
        var message = new Message
        {
            Author = MessageAuthor.Agent,
            Internal = request.Internal,
            Body = request.Body?.Trim() ?? "",
            AuthorUserId = request.AuthorUserId,
            CreatedAt = now,
        };
        foreach (var file in request.Files ?? [])
        {
            await using var content = file.Open();
            message.Attachments.Add(new Attachment
            {
                FileName = SafeFileName(file.FileName),
                ContentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType,
                Size = file.Length,
                StorageKey = await store.SaveAsync(content, cancellationToken),
                Status = AttachmentStatus.Ready,
                CreatedAt = now,
            });
        }

        // W10, W11: a public reply to a WhatsApp customer commits together with its outbox row, so it can never be
        // saved yet forgotten; the worker sends it after we answer. Internal notes never get one.
        // W10; W18: a customer known only by WhatsApp user id is answered there too (through the Cloud API).
        if (!request.Internal && ticket.Channel == TicketChannel.WhatsApp && (ticket.RequesterPhone ?? ticket.RequesterWhatsAppId) is not null
            && await ReplyConnection.OfTicketAsync(db, ticket, cancellationToken) is { } connection)
            ReplyConnection.Queue(message, ticket.WorkspaceId, connection, now); // W14: its files too; W19: from the ticket's own number

        var statusBefore = ticket.Status;
        ticket.OnAgentMessage(isPublicReply: !request.Internal, now); // T3
        ticket.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        if (message.Deliveries.Count > 0)
            deliveries.Wake();

        await mediator.Publish(new MessageAdded(ticket.WorkspaceId, ticket.Id, message.Id, message.Author), cancellationToken);
        if (ticket.Status != statusBefore)
            await mediator.Publish(new TicketStatusChanged(ticket.WorkspaceId, ticket.Id, statusBefore, ticket.Status), cancellationToken);
        return message.ToDto();
    }

    // The name is shown and offered as a download name: keep the last path segment, drop control characters.
    internal static string SafeFileName(string? name)
    {
        var last = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(last.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        if (clean.Length == 0 || clean is "." or "..")
            return "file";
        return clean.Length <= 255 ? clean : clean[^255..];
    }
}
