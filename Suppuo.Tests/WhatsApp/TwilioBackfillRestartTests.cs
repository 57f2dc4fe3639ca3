using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W17: what customers wrote while the app was down is in the inbox after the restart, once each, in the order they wrote it.</summary>
public sealed class TwilioBackfillRestartTests : RestartTest
{
    private const string Budi = "+6281234567890";
    private const string Sari = "+6281311112222";

    [Fact]
    public async Task W17_messages_sent_while_the_app_was_down_are_backfilled_at_start_up_once_each_in_their_own_order()
    {
        TwilioNumber number;
        int budisTicket;
        DateTime webhookAt;
        using (var before = Run())
        {
            number = await before.ConnectTwilioAsync(await before.CreateWorkspaceAsync());
            await before.SendWhatsAppAsync(number, Budi, "Halo, pesanan saya belum sampai");
            var ticket = (await number.Workspace.TicketsOfAsync()).Single()!;
            budisTicket = ticket.Int("id");
            webhookAt = ticket["lastMessageAt"]!.GetValue<DateTime>();
        }

        // Down: Twilio's webhooks fail, so these exist only in Twilio's message list, listed newest first and out of order here.
        var at = MissedMessages.WholeSeconds(webhookAt);
        var sariSecond = Twilio.MissedMessage(number, Sari, "Sudah dikirim belum?", at.AddSeconds(4));
        var budiOlder = Twilio.MissedMessage(number, Budi, "Nomor pesanan 4412", at.AddSeconds(-90)); // sent before, its webhook lost
        var budiAfter = Twilio.MissedMessage(number, Budi, "Tolong dicek ya", at.AddSeconds(1));
        var sariFirst = Twilio.MissedMessage(number, Sari, "Mau tanya ongkir ke Medan", at.AddSeconds(3));
        var budiLast = Twilio.MissedMessage(number, Budi, "Terima kasih", at.AddSeconds(2));

        using var after = Run();
        var workspace = await ReopenAsync(after, number.Workspace);

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
