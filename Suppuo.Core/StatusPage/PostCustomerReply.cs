using MediatR;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.StatusPage;

/// <summary>
/// The customer answers from their status page: a requester message (T2), with at most one file. Checked in the
/// handler, not by the validation step: what the customer is told is in their workspace's language (W24), known only
/// once the token has found the ticket.
/// </summary>
public sealed record PostCustomerReply(string? Token, string? Body, NewAttachment? File = null) : IRequest<int>
{
    /// <summary>Smaller than an agent's limit: anyone holding the link can upload, and a phone photo fits easily.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    internal void Validate(ValidationErrors errors, CustomerText text)
    {
        if (string.IsNullOrWhiteSpace(Body) && File is null)
            errors.Add("body", text.WriteMessageOrAttach);
        if (Body is not null && Body.Length > Message.BodyMaxLength)
            errors.Add("body", text.TooLong(Message.BodyMaxLength, Body.Length));
        if (File is null)
            return;
        if (File.Length == 0)
            errors.Add("file", text.FileEmpty(File.FileName));
        else if (File.Length > MaxFileBytes)
            errors.Add("file", text.FileTooLarge(File.FileName, MaxFileBytes / 1024 / 1024));
        // What the file is, is decided by its content in the handler (CustomerUploadRules), never by its declared type.
    }
}

public sealed class PostCustomerReplyHandler(SuppuoDbContext db, IAttachmentStore store, IMediator mediator, TimeProvider clock)
    : IRequestHandler<PostCustomerReply, int>
{
    public async Task<int> Handle(PostCustomerReply request, CancellationToken cancellationToken)
    {
        var ticket = await StatusTokens.FindTicketAsync(db.Tickets, request.Token, cancellationToken);
        var text = await StatusTokens.TextOfAsync(db, ticket, cancellationToken);
        var errors = new ValidationErrors();
        request.Validate(errors, text);
        errors.ThrowIfAny();
        // Closed is final for threading (T4, W6): a follow-up belongs in a new request, not in a finished one.
        if (ticket.Status == TicketStatus.Closed)
            throw new ConflictException(text.RequestClosed);

        var now = clock.GetUtcNow().UtcDateTime;
        var message = new Message { Author = MessageAuthor.Requester, Body = request.Body?.Trim() ?? "", CreatedAt = now };
        string? storedKey = null;
        if (request.File is { } file)
        {
            // Checked in full before anything is written: a refused file never reaches the store.
            UploadVerdict verdict;
            await using (var inspected = file.Open())
                verdict = await CustomerUploadRules.InspectAsync(file.FileName, inspected, PostCustomerReply.MaxFileBytes, text, cancellationToken);
            if (!verdict.Accepted)
                throw new ValidationFailedException("file", verdict.Refusal!);
            await using var content = file.Open();
            storedKey = await store.SaveAsync(content, cancellationToken);
            message.Attachments.Add(new Attachment
            {
                FileName = PostMessageHandler.SafeFileName(file.FileName),
                ContentType = verdict.ContentType!, // what the bytes are, not what the browser said
                Size = verdict.Length,
                StorageKey = storedKey,
                Status = AttachmentStatus.Ready,
                CreatedAt = now,
            });
        }

        var statusBefore = ticket.Status;
        ticket.OnRequesterMessage(now); // T2
        ticket.Messages.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch when (storedKey is not null)
        {
            // No row will ever point at the file: leave nothing behind.
            store.Delete(storedKey);
            throw;
        }

        // The same events as any other new message, so agents see the reply and the reopened ticket live.
        await mediator.Publish(new MessageAdded(ticket.WorkspaceId, ticket.Id, message.Id, message.Author), cancellationToken);
        if (ticket.Status != statusBefore)
            await mediator.Publish(new TicketStatusChanged(ticket.WorkspaceId, ticket.Id, statusBefore, ticket.Status), cancellationToken);
        return message.Id;
    }
}
