using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Suppuo.Core.Email;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Email;

/// <summary>
/// The durable queues' leases (decision 003), shown on the mail outbox, which sends its batch one mail at a time: a pass
/// outlasts the lease it claimed with, so each row's lease is renewed as its work starts, and another node never takes
/// a row that is still being worked on.
/// </summary>
public sealed class OutboxLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SendTime = TimeSpan.FromSeconds(1.2);

    private readonly SuppuoApp _app = new SuppuoApp().WithSetting("Suppuo:Workers:Lease", "00:00:02");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_second_node_never_takes_a_mail_the_first_is_still_sending()
    {
        var workspace = await _app.CreateWorkspaceAsync();
        var ticketId = await workspace.WhatsAppTicketAsync();
        // Due only on the nodes' clock, which runs two hours ahead: the app's own mail worker leaves these alone.
        var ahead = new AheadClock(_app.Clock, TimeSpan.FromHours(2));
        var dueAt = _app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        var subjects = Enumerable.Range(1, 3).Select(i => $"Lease {i} {Guid.NewGuid():N}").ToList();
        await _app.WithDbAsync(db =>
        {
            db.OutboundEmails.AddRange(subjects.Select(subject => new OutboundEmail
            {
                WorkspaceId = workspace.Id, TicketId = ticketId, ToAddress = "dewi@customer.example", Subject = subject, TextBody = "Halo",
                NextAttemptAt = dueAt, CreatedAt = dueAt,
            }));
            return db.SaveChangesAsync();
        });
        var transport = new SlowTransport(SendTime);
        var first = ActivatorUtilities.CreateInstance<EmailOutbox>(_app.Services, transport, (TimeProvider)ahead);
        var second = ActivatorUtilities.CreateInstance<EmailOutbox>(_app.Services, transport, (TimeProvider)ahead);

        // The first node claims all three under one lease, then needs three sending times (longer than the lease) for them.
        var firstPass = first.RunOnceAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _app.WithDbAsync(async db =>
            await db.OutboundEmails.CountAsync(e => subjects.Contains(e.Subject) && e.LeaseOwner == first.Owner) == 3 ? "claimed" : null), "the first node's claim");
        // The second node polls all through the first one's pass, as fast as it can.
        while (!firstPass.IsCompleted)
        {
            await second.RunOnceAsync(CancellationToken.None);
            await Task.Delay(20);
        }
        Assert.Equal(3, await firstPass);
        await second.RunOnceAsync(CancellationToken.None);

        Assert.Equal(subjects.Order(), transport.Sent.Order());
        Assert.Equal(3, await _app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => subjects.Contains(e.Subject) && e.Status == EmailStatus.Sent)));
        Assert.True(Lease < 3 * SendTime, "the first pass must outlast the lease it claimed with");
    }

    private sealed class SlowTransport(TimeSpan sendTime) : IEmailTransport
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(sendTime, cancellationToken);
            Sent.Enqueue(message.Subject ?? "");
        }
    }

    private sealed class AheadClock(TimeProvider clock, TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() + ahead;
    }
}
