using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// W17: one back-fill run over every connected Twilio number. The hosted worker sends it at start-up and every
/// Suppuo:Twilio:BackfillInterval; tests send it to run one deterministically.
/// </summary>
public sealed record RunTwilioBackfill : IRequest<IReadOnlyList<TwilioBackfillOutcome>>;

/// <summary>What one run did for one number: messages stored, items it could not read, whether it caught up, or why it failed.</summary>
public sealed record TwilioBackfillOutcome(int ConnectionId, int Recovered, int Skipped, bool CaughtUp, string? Error);

public sealed class RunTwilioBackfillHandler(TwilioBackfill backfill) : IRequestHandler<RunTwilioBackfill, IReadOnlyList<TwilioBackfillOutcome>>
{
    public Task<IReadOnlyList<TwilioBackfillOutcome>> Handle(RunTwilioBackfill request, CancellationToken cancellationToken) =>
        backfill.RunAsync(cancellationToken);
}

/// <summary>
/// Twilio never re-delivers a webhook that failed (docs/providers.md, "Twilio: answer, timeouts and no re-delivery"), so each run lists the inbound messages Twilio
/// holds for each number since the last comparison (less a margin) and ingests the missing ones through the webhook's
/// own path (docs/decisions/002-group-commit-ingest.md): the unique (connection, MessageSid) index keeps each one stored once.
/// docs/decisions/005-twilio-backfill.md says why the window, the bounds and the order are what they are.
/// </summary>
public sealed class TwilioBackfill(
    IServiceScopeFactory scopes, TwilioClients clients, TwilioInboundList twilio, SecretProtector secrets,
    IOptions<SuppuoOptions> options, TimeProvider clock, ILogger<TwilioBackfill> logger)
{
    private readonly SuppuoOptions.TwilioOptions _settings = options.Value.Twilio;
    // The worker's run and one a test sends never overlap: one pass over the numbers at a time.
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    public async Task<IReadOnlyList<TwilioBackfillOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            List<int> connectionIds;
            await using (var scope = scopes.CreateAsyncScope())
                connectionIds = await scope.ServiceProvider.GetRequiredService<SuppuoDbContext>().WhatsAppConnections
                    .Where(c => c.Provider == WhatsAppProvider.Twilio && c.DisconnectedAt == null).OrderBy(c => c.Id).Select(c => c.Id)
                    .ToListAsync(cancellationToken);

            // One number after another: a restart never sends Twilio a burst of listings from every workspace at once.
            var outcomes = new List<TwilioBackfillOutcome>(connectionIds.Count);
            foreach (var connectionId in connectionIds)
            {
                try
                {
                    if (await BackfillAsync(connectionId, cancellationToken) is { } outcome)
                        outcomes.Add(outcome);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    // Our own trouble with one number (database busy, disconnected mid-run) never skips the others.
                    logger.LogError(error, "Back-fill of connection {ConnectionId} could not be recorded; it is tried again at the next run", connectionId);
                }
            }
            return outcomes;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    private async Task<TwilioBackfillOutcome?> BackfillAsync(int connectionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        var connection = await db.WhatsAppConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is not { AccountSid: not null, PhoneNumber: not null, EncryptedToken: not null, DisconnectedAt: null })
            return null; // disconnected since the run began

        var now = clock.GetUtcNow().UtcDateTime;
        var state = connection.Backfill;
        var window = state is { GapFrom: { } gapFrom, GapUntil: { } gapUntil }
            ? (From: gapFrom, Until: (DateTime?)gapUntil)
            : (From: await WindowStartAsync(db, connection, now), Until: null);

        var counts = new Counts();
        string? error = null;
        try
        {
            var client = clients.For(connection.AccountSid, secrets.Unprotect(connection.EncryptedToken));
            var listing = await twilio.ReadAsync(client, connection.PhoneNumber, window.From, window.Until, cancellationToken);
            await IngestMissingAsync(scope.ServiceProvider, connection, client, listing.Messages, counts, cancellationToken);
            Advance(state, window.From, window.Until, listing, now);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the window stays as it was, and the next start lists it again
        }
        catch (ApiException failure) when (failure.Code == 20003 || failure.Status == 401)
        {
            error = "Twilio rejected the auth token (error 20003); back-fill resumes once working credentials are entered.";
            connection.Health = TwilioHealth.Revoked; // W16
        }
        catch (Exception failure)
        {
            // An outage (5xx, refused, timeout) or our own trouble: the window stays, and the next run lists it again.
            error = Describe(failure);
            logger.LogWarning(failure, "Back-fill of Twilio number {Number} (connection {ConnectionId}) failed; retrying at the next run", connection.PhoneNumber, connection.Id);
        }

        state.RanAt = now;
        state.Error = error is null ? null : error.Length <= TwilioBackfillState.ErrorMaxLength ? error : error[..TwilioBackfillState.ErrorMaxLength];
        state.Recovered = counts.Recovered;
        await db.SaveChangesAsync(CancellationToken.None);
        if (counts.Recovered > 0)
            logger.LogInformation("Back-fill recovered {Count} messages for Twilio number {Number}", counts.Recovered, connection.PhoneNumber);
        return new TwilioBackfillOutcome(connection.Id, counts.Recovered, counts.Skipped, error is null && state.GapUntil is null, error);
    }

    /// <summary>
    /// Where a fresh window begins: where the last comparison ended, or — the first time — the newest message stored
    /// for this number, or when it was connected; less the margin, and never further back than the lookback.
    /// </summary>
    private async Task<DateTime> WindowStartAsync(SuppuoDbContext db, WhatsAppConnection connection, DateTime now)
    {
        var start = connection.Backfill.CheckedThrough
            ?? await db.Messages.Where(m => m.ConnectionId == connection.Id && m.Author == MessageAuthor.Requester).MaxAsync(m => (DateTime?)m.CreatedAt)
            ?? connection.ConnectedAt;
        var from = start - _settings.BackfillMargin;
        var earliest = now - _settings.BackfillLookback;
        return from > earliest ? from : earliest;
    }

    private async Task IngestMissingAsync(IServiceProvider services, WhatsAppConnection connection, ITwilioRestClient client,
        IReadOnlyList<MessageResource> listed, Counts counts, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SuppuoDbContext>();
        var mediator = services.GetRequiredService<IMediator>();
        var ours = TwilioAddress.For(connection.PhoneNumber!);
        var inbound = listed.Where(m => m.Direction?.ToString() == "inbound"
                && string.Equals(m.To, ours, StringComparison.OrdinalIgnoreCase) && m.AccountSid == connection.AccountSid)
            .ToList();
        // Most of a window is what the webhook already brought: those need neither a media lookup nor a write.
        var sids = inbound.Select(m => m.Sid).OfType<string>().ToList();
        var stored = (await db.Messages
            .Where(m => m.ProviderMessageId != null && sids.Contains(m.ProviderMessageId) && m.ConnectionId != null && m.Ticket.WorkspaceId == connection.WorkspaceId)
            .Select(m => m.ProviderMessageId!).ToListAsync(cancellationToken)).ToHashSet();

        // Oldest first, as the customer wrote them: a new ticket takes its subject from their first message (W6).
        foreach (var message in inbound.Where(m => m.Sid is null || !stored.Contains(m.Sid)).OrderBy(SentAt).ThenBy(m => m.Sid, StringComparer.Ordinal))
        {
            ReceiveWhatsAppMessage received;
            try
            {
                var sentAt = SentAt(message) ?? throw new ValidationFailedException("date_sent", "Twilio listed the message with no date.");
                received = ReceiveTwilioWebhookHandler.ParseMessage(await twilio.WebhookFormOfAsync(client, message), connection.WorkspaceId, connection.Id)
                    with { SentAt = sentAt, Backfilled = true };
            }
            catch (ValidationFailedException malformed)
            {
                // One item we cannot read never holds up the others; it is in Twilio's console for a person to see.
                counts.Skipped++;
                logger.LogWarning("Back-fill skipped Twilio message {MessageSid} on {Number}: {Reason}", message.Sid, connection.PhoneNumber, malformed.Message);
                continue;
            }
            if (!(await mediator.Send(received, cancellationToken)).Duplicate)
                counts.Recovered++;
        }
    }

    /// <summary>
    /// A finished window moves the start of the next one to this run's start; an unfinished one leaves its older part —
    /// down to the oldest message listed, which is listed again so that none of its second is lost — as the gap.
    /// </summary>
    private static void Advance(TwilioBackfillState state, DateTime from, DateTime? until, TwilioListing listing, DateTime now)
    {
        if (until is null)
            state.CheckedThrough = now;
        if (!listing.MayHaveMore)
        {
            state.GapFrom = state.GapUntil = null;
            return;
        }
        var oldest = listing.Messages.Select(SentAt).OfType<DateTime>().DefaultIfEmpty(now).Min();
        // A whole run's worth of messages in one second cannot move the gap on by itself: step past that second.
        if (until is { } previous && oldest >= previous)
            oldest = previous.AddSeconds(-1);
        state.GapFrom = from;
        state.GapUntil = oldest;
    }

    private static DateTime? SentAt(MessageResource message) => TwilioTime.Utc(message.DateSent ?? message.DateCreated);

    private static string Describe(Exception failure) => failure switch
    {
        ApiException api => $"Twilio answered HTTP {api.Status} (error {api.Code}): {api.Message}",
        ApiConnectionException or HttpRequestException or TaskCanceledException or AggregateException => $"Twilio could not be reached ({failure.GetBaseException().Message})",
        _ => failure.Message,
    };

    private sealed class Counts
    {
        public int Recovered { get; set; }
        public int Skipped { get; set; }
    }
}
