using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Delivery;

/// <summary>W11: transient failures are retried, but not forever — after the give-up time the delivery is failed with the reason.</summary>
public sealed class DeliveryGiveUpTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("suppuo-giveup-").FullName;
    private readonly FakeTwilio _twilio = FakeTwilio.Start();
    private SuppuoApp? _app;

    // A day in production; a moment here, so the test sees the end of the retries.
    private SuppuoApp App => _app ??= SuppuoApp.Over(_dataDirectory, _twilio, new Dictionary<string, string> { ["Suppuo:Workers:GiveUpAfter"] = "00:00:01" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _app?.Dispose();
        await _twilio.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    [Fact]
    public async Task W11_a_delivery_still_failing_transiently_after_the_give_up_time_is_failed_with_the_last_error()
    {
        var number = await App.ConnectTwilioAsync(await App.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        _twilio.FailNext("messages", 429, 20429, "Too Many Requests", times: 10_000);

        var messageId = (await number.Workspace.ReplyAsync(ticketId, "Halo")).Int("id");

        var delivery = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");
        Assert.Contains("could not take the message for 1 second", delivery.Str("error"));
        Assert.Contains("20429", delivery.Str("error"));
        Assert.Empty(_twilio.Messages);
    }
}
