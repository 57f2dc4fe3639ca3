using Microsoft.Extensions.Options;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.CloudApi;

namespace Suppuo.Core.Delivery;

/// <summary>
/// Sends through Meta's Graph API with the workspace's token (W10). Meta has no message lookup: a send whose answer was
/// lost waits for a status webhook carrying our delivery id (biz_opaque_callback_data, see ReceiveCloudStatus); without
/// one in time it is failed as "may not have been sent" for the agent to retry — never resent on our own (docs/providers.md, "Ambiguous sends").
/// </summary>
public sealed class CloudSender(
    SuppuoDbContext db, SecretProtector secrets, GraphApi graph, IAttachmentStore store, IOptions<SuppuoOptions> options, TimeProvider clock)
    : IWhatsAppSender
{
    private readonly SuppuoOptions.WorkerOptions _settings = options.Value.Workers;

    public async Task<SendOutcome> SendAsync(OutboundWhatsApp message, CancellationToken cancellationToken)
    {
        var delivery = message.Delivery;
        var to = message.To.TrimStart('+');
        if (delivery.SendStartedAt is { } startedAt)
        {
            if (clock.GetUtcNow().UtcDateTime - startedAt < _settings.AmbiguousSendWait)
                return new SendOutcome.Retry("Meta did not answer the send; waiting for its status webhook before deciding.", MayHaveArrived: true);
            return new SendOutcome.Failed("Meta did not confirm this message and no receipt came back: it may not have been sent. Retry to send it again.");
        }
        if (delivery.HasGivenUp(clock.GetUtcNow().UtcDateTime, _settings.GiveUpAfter))
            return new SendOutcome.Failed($"Not sent: Meta could not take the message for {Durations.Describe(_settings.GiveUpAfter)}. Last error: {delivery.Error ?? "none"}");

        var phoneNumberId = message.From.PhoneNumberId!;
        var token = secrets.Unprotect(message.From.EncryptedToken!);
        string? mediaId = null;
        if (message.File is { } file)
        {
            // W14: the file is uploaded first. That is no message yet: a lost answer here is simply tried again.
            await using var content = file.StorageKey is null ? null : store.OpenRead(file.StorageKey);
            if (content is null)
                return new SendOutcome.Failed($"Not sent: the file {file.FileName} is missing from storage.");
            try
            {
                mediaId = await graph.UploadMediaAsync(phoneNumberId, token, content, file.FileName, file.ContentType, cancellationToken);
            }
            catch (GraphApiException error)
            {
                delivery.Attempts++;
                return CloudErrors.OfSend(error);
            }
            catch (GraphUnavailableException error)
            {
                delivery.Attempts++;
                return new SendOutcome.Retry(error.Message, MayHaveArrived: false);
            }
        }

        delivery.SendStartedAt = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastAttempt++;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var callback = CloudCallback.For(delivery.Id, delivery.LastAttempt);
            var wamid = message.File is { } attachment
                ? await graph.SendMediaAsync(phoneNumberId, token, to, OutboundWhatsAppFiles.KindOf(attachment.ContentType)!.Value, mediaId!,
                    attachment.FileName, callback, cancellationToken)
                : await graph.SendTextAsync(phoneNumberId, token, to, message.Text, callback, cancellationToken);
            return new SendOutcome.Accepted(wamid);
        }
        catch (GraphApiException error)
        {
            return CloudErrors.OfSend(error);
        }
        catch (GraphUnavailableException error)
        {
            return new SendOutcome.Retry(error.Message, error.MayHaveArrived);
        }
    }
}
