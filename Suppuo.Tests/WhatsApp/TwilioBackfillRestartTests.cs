using Suppuo.Core.Workspaces;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W17: what customers wrote while the app was down is in the inbox after the restart, once each, in the order they wrote it.</summary>
public sealed class TwilioBackfillRestartTests : IAsyncLifetime
{
    private const string Budi = "+6281234567890";
    private const string Sari = "+6281311112222";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("suppuo-backfill-").FullName;
    private readonly FakeTwilio _twilio = FakeTwilio.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _twilio.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    [Fact]
    public async Task W17_messages_sent_while_the_app_was_down_are_backfilled_at_start_up_once_each_in_their_own_order()
    {
        TwilioNumber number;
        int budisTicket;
        DateTime webhookAt;
        using (var before = SuppuoApp.Over(_dataDirectory, _twilio))
        {
            number = await before.ConnectTwilioAsync(await before.CreateWorkspaceAsync());
            await before.SendWhatsAppAsync(number, Budi, "Halo, pesanan saya belum sampai");
            var ticket = (await number.Workspace.TicketsOfAsync()).Single()!;
            budisTicket = ticket.Int("id");
            webhookAt = ticket["lastMessageAt"]!.GetValue<DateTime>();
        }

        // Down: Twilio's webhooks fail, so these exist only in Twilio's message list, listed newest first and out of order here.
        var at = MissedMessages.WholeSeconds(webhookAt);
        var sariSecond = _twilio.MissedMessage(number, Sari, "Sudah dikirim belum?", at.AddSeconds(4));
        var budiOlder = _twilio.MissedMessage(number, Budi, "Nomor pesanan 4412", at.AddSeconds(-90)); // sent before, its webhook lost
        var budiAfter = _twilio.MissedMessage(number, Budi, "Tolong dicek ya", at.AddSeconds(1));
        var sariFirst = _twilio.MissedMessage(number, Sari, "Mau tanya ongkir ke Medan", at.AddSeconds(3));
        var budiLast = _twilio.MissedMessage(number, Budi, "Terima kasih", at.AddSeconds(2));

        using var after = SuppuoApp.Over(_dataDirectory, _twilio);
        var key = await after.SendAsync(new CreateApiKey(number.Workspace.Id, "after restart"));
        var api = after.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        var workspace = number.Workspace with { Api = api };

        var messages = await Eventually.WaitForAsync(workspace.AllMessagesAsync, m => m.Count >= 6, "the start-up back-fill to store what was missed");

        var tickets = await workspace.TicketsOfAsync();
        Assert.Equal(2, tickets.Count);
        // Newest activity first, by when the customers wrote, not when we stored it.
        var sarisTicket = tickets[0]!;
        Assert.Equal((Sari, sariFirst.Body), (sarisTicket.Str("requesterPhone"), sarisTicket.Str("subject")));
        Assert.Equal(budisTicket, tickets[1].Int("id")); // threaded onto Budi's open ticket (W5)
        Assert.Equal(
            [(budisTicket, budiOlder.Body), (budisTicket, "Halo, pesanan saya belum sampai"), (budisTicket, budiAfter.Body), (budisTicket, budiLast.Body),
             (sarisTicket.Int("id"), sariFirst.Body), (sarisTicket.Int("id"), sariSecond.Body)],
            messages.OrderBy(m => m.TicketId == budisTicket ? 0 : 1).ToList());
        Assert.Equal(budiLast.DateSent, tickets[1]!["lastMessageAt"]!.GetValue<DateTime>());

        // The next run finds nothing more: each message is stored exactly once.
        Assert.Equal(0, (await after.BackfillAsync(number with { Workspace = workspace })).Recovered);
        Assert.Equal(6, (await workspace.AllMessagesAsync()).Count);
    }
}
