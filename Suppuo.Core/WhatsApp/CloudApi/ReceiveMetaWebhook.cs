using System.Globalization;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>
/// A Cloud API notification exactly as it arrived: the raw body (what Meta signed) and `X-Hub-Signature-256`.
/// Each change is routed by its phone_number_id (W3) and authenticated with that connection's app secret (W4);
/// each message is then stored on its own through the one path in (docs/contract.md, "Webhooks").
/// </summary>
public sealed record ReceiveMetaWebhook(byte[] RawBody, string? Signature) : IRequest<MetaWebhookResult>;

public sealed record MetaWebhookResult(int Stored, int Duplicates, int Skipped);

public sealed class ReceiveMetaWebhookHandler(SuppuoDbContext db, SecretProtector secrets, IMediator mediator, ILogger<ReceiveMetaWebhookHandler> logger)
    : IRequestHandler<ReceiveMetaWebhook, MetaWebhookResult>
{
    public async Task<MetaWebhookResult> Handle(ReceiveMetaWebhook request, CancellationToken cancellationToken)
    {
        using var json = Parse(request.RawBody);
        var changes = MetaNotification.MessageChanges(json.RootElement).Where(c => c.Messages.Count + c.Statuses.Count > 0).ToList();
        if (changes.Count == 0)
            return new MetaWebhookResult(0, 0, 0); // e.g. account_update, template status: acknowledged, nothing to store

        var phoneNumberIds = changes.Select(c => c.PhoneNumberId).Distinct().ToList();
        var connections = await db.WhatsAppConnections.AsNoTracking()
            .Where(c => c.Provider == WhatsAppProvider.Cloud && phoneNumberIds.Contains(c.PhoneNumberId!) && c.DisconnectedAt == null)
            .ToDictionaryAsync(c => c.PhoneNumberId!, cancellationToken);
        if (connections.Count == 0)
            throw new NotFoundException($"No workspace has connected phone number ID {string.Join(", ", phoneNumberIds)}.");

        // W4: a change is trusted only if the body carries the signature of its own connection's app secret.
        var authentic = connections.Values
            .Where(c => c.EncryptedAppSecret is not null && MetaSignature.IsValid(secrets.Unprotect(c.EncryptedAppSecret), request.RawBody, request.Signature))
            .ToDictionary(c => c.PhoneNumberId!);
        if (authentic.Count == 0)
            throw new WebhookSignatureException(request.Signature is null
                ? "The X-Hub-Signature-256 header is missing."
                : "The X-Hub-Signature-256 does not match this body for the connected app's secret.");

        int stored = 0, duplicates = 0, skipped = 0;
        foreach (var change in changes)
        {
            if (!authentic.TryGetValue(change.PhoneNumberId, out var connection))
            {
                skipped += change.Messages.Count; // another app's secret: cannot be authenticated here
                continue;
            }
            foreach (var status in change.Statuses)
                if (MetaNotification.ToStatus(status, connection.Id) is { } receipt && !await IsolatedAsync(() => mediator.Send(receipt, cancellationToken)))
                    skipped++;
            foreach (var message in change.Messages)
            {
                if (MetaNotification.ToReaction(message, connection.WorkspaceId, connection.Id) is { } reaction)
                {
                    if (!await IsolatedAsync(() => mediator.Send(reaction, cancellationToken)))
                        skipped++;
                    continue;
                }
                if (MetaNotification.ToEdit(message, connection.WorkspaceId, connection.Id) is { } edit)
                {
                    ReactionOutcome outcome = ReactionOutcome.Unchanged;
                    if (!await IsolatedAsync(async () => outcome = await mediator.Send(edit, cancellationToken)))
                        skipped++;
                    // An edit of a message never stored becomes a readable message of its own; a delete of one is nothing to show.
                    if (edit.Revoked || outcome != ReactionOutcome.UnknownMessage)
                        continue;
                }
                if (MetaNotification.ToInbound(message, change.Contacts, connection.WorkspaceId, connection.Id) is not { } inbound)
                {
                    logger.LogWarning("Skipped a Cloud API message without an id or sender on phone number ID {PhoneNumberId}", change.PhoneNumberId);
                    skipped++;
                    continue;
                }
                IngestResult? result = null;
                if (!await IsolatedAsync(async () => result = await mediator.Send(inbound, cancellationToken)))
                    skipped++;
                else if (result!.Duplicate) duplicates++;
                else stored++;
            }
        }
        return new MetaWebhookResult(stored, duplicates, skipped);
    }

    /// <summary>
    /// W9: one message that fails to process never blocks the others of the notification. A database failure is
    /// different: it propagates as a 5xx, so that Meta delivers the whole notification again (W7 drops what was stored).
    /// </summary>
    private async Task<bool> IsolatedAsync(Func<Task> work)
    {
        try
        {
            await work();
            return true;
        }
        catch (Exception error) when (error is not (System.Data.Common.DbException or DbUpdateException or OperationCanceledException))
        {
            logger.LogError(error, "A Cloud API message or receipt could not be processed and was skipped");
            return false;
        }
    }

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                json.Dispose();
                throw new ValidationFailedException("body", "A WhatsApp notification is a JSON object.");
            }
            return json;
        }
        catch (JsonException error)
        {
            throw new ValidationFailedException("body", $"The body is not valid JSON ({error.Message.Split(" Path:")[0]}).");
        }
    }
}
