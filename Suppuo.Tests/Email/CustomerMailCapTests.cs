using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Email;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Email;

/// <summary>W26: <c>Suppuo:Mail:MaxPerWorkspacePerHour</c> holds a workspace's extra customer mails in the outbox, never drops them.</summary>
public sealed class CustomerMailCapTests : IAsyncLifetime
{
    private readonly SuppuoApp _app = new SuppuoApp().WithSetting("Suppuo:Mail:MaxPerWorkspacePerHour", "2");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task W26_over_the_hourly_cap_a_workspace_s_mails_wait_in_the_outbox_and_go_out_as_the_hour_frees_slots()
    {
        var busy = await _app.CreateWorkspaceAsync();
        var quiet = await _app.CreateWorkspaceAsync();
        // Each email ticket is acknowledged by one mail to its customer.
        for (var i = 0; i < 5; i++)
            await busy.Api.PostJsonAsync("/api/v1/tickets", new { subject = $"Order {i}", channel = "email", requesterEmail = $"c{i}@customer.example" });

        await SentAsync(busy.Id, 2);
        var held = await _app.WithDbAsync(db => db.OutboundEmails.Where(e => e.WorkspaceId == busy.Id && e.Status == EmailStatus.Queued).ToListAsync());
        Assert.Equal(3, held.Count);
        Assert.All(held, mail => Assert.True(mail.NextAttemptAt > _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(55), "waits for the hour's window"));
        Assert.All(held, mail => Assert.Equal((0, (string?)null), (mail.Attempts, mail.LastError))); // waiting is no failed attempt
        var wait = await _app.SendAsync(new GetCustomerMailWait(busy.Id));
        Assert.NotNull(wait);
        Assert.StartsWith("3 customer emails are waiting: this workspace reached its limit of 2 per hour; they go out from ", wait.Notice);

        // Another workspace's mail is not held by this one's cap.
        await quiet.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Quiet", channel = "email", requesterEmail = "q@customer.example" });
        await SentAsync(quiet.Id, 1);
        Assert.Null(await _app.SendAsync(new GetCustomerMailWait(quiet.Id)));

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await SentAsync(busy.Id, 4);
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await SentAsync(busy.Id, 5);
        Assert.Null(await _app.SendAsync(new GetCustomerMailWait(busy.Id)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Status == EmailStatus.Failed)));
    }

    /// <summary>Waits until exactly <paramref name="count"/> of the workspace's mails are sent, and checks no more go out meanwhile.</summary>
    private async Task SentAsync(int workspaceId, int count)
    {
        await Eventually.WaitForAsync(() => _app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.WorkspaceId == workspaceId && e.Status == EmailStatus.Sent)),
            sent => sent >= count, $"{count} sent mails");
        // The worker polls every 100 ms: several polls later the count still holds.
        await Task.Delay(500);
        Assert.Equal(count, await _app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.WorkspaceId == workspaceId && e.Status == EmailStatus.Sent)));
    }
}
