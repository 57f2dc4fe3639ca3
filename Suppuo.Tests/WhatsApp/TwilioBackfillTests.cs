using System.Net.Http.Json;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W17: messages whose webhook never arrived are found in Twilio's list and stored once, through the webhook's path.</summary>
public class TwilioBackfillTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Customer = "+6281234567890";
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];

    private static DateTime SecondsAgo(int seconds) => MissedMessages.WholeSeconds(DateTime.UtcNow.AddSeconds(-seconds));

    [Fact]
    public async Task W17_a_message_that_arrives_by_webhook_and_by_backfill_is_stored_once()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var both = app.Twilio.MissedMessage(number, Customer, "Lewat webhook dan daftar", SecondsAgo(30));
        var missed = app.Twilio.MissedMessage(number, Customer, "Hanya di daftar Twilio", SecondsAgo(20));
        await app.SendWhatsAppAsync(number, Customer, both.Body, messageSid: both.Sid);

        var outcome = await app.BackfillAsync(number);

        Assert.Equal((1, 0, true, null), (outcome.Recovered, outcome.Skipped, outcome.CaughtUp, outcome.Error));
        // Twilio's own retry of the webhook after the back-fill stored the message: a 200 that changes nothing.
        await app.SendWhatsAppAsync(number, Customer, missed.Body, messageSid: missed.Sid);
        Assert.Equal(0, (await app.BackfillAsync(number)).Recovered);
        var messages = await number.Workspace.AllMessagesAsync();
        Assert.Equal(new[] { both.Body, missed.Body }.Order(), messages.Select(m => m.Body).Order());
        Assert.Single(messages.Select(m => m.TicketId).Distinct());
    }

    [Fact]
    public async Task W17_outbound_messages_other_numbers_and_malformed_items_are_ignored_and_never_cross_workspaces()
    {
        // Twilio's sandbox number is the one number several workspaces hold, each through its own account (W3).
        var first = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync(), TwilioAccountCheck.SandboxNumber);
        var second = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync(), TwilioAccountCheck.SandboxNumber);
        var sandbox = "whatsapp:" + TwilioAccountCheck.SandboxNumber;
        var sent = SecondsAgo(40);
        var mine = app.Twilio.MissedMessage(first, Customer, "Untuk workspace pertama", sent);
        var theirs = app.Twilio.MissedMessage(second, Customer, "Untuk workspace kedua", sent);
        // A message of the first account from another of its numbers to this one is listed twice: sent, and received.
        app.Twilio.AddListedMessage(new FakeTwilio.SentMessage(TwilioNumbers.NewMessageSid(), first.AccountSid, "whatsapp:+15550009999", sandbox,
            "Keluar, bukan dari pelanggan", null, sent) { DateSent = sent });
        app.Twilio.AddInboundMessage(first.AccountSid, "whatsapp:" + Customer, "whatsapp:+15550009999", "Ke nomor lain", sent);
        app.Twilio.AddInboundMessage(first.AccountSid, Customer, TwilioAccountCheck.SandboxNumber, "SMS, bukan WhatsApp", sent);
        app.Twilio.AddInboundMessage(first.AccountSid, "whatsapp:bukan-nomor", sandbox, "Pengirim tak terbaca", sent);
        var date = sent.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        app.Twilio.AddListedMessage(new FakeTwilio.SentMessage("", first.AccountSid, "", sandbox, "", null, sent)
        {
            DateSent = sent,
            RawJson = $$"""{"sid":null,"account_sid":"{{first.AccountSid}}","from":"whatsapp:{{Customer}}","to":"{{sandbox}}","body":"Tanpa id","direction":"inbound","status":"received","num_media":"0","date_sent":"{{date}}","date_created":"{{date}}"}""",
        });
        app.Twilio.AddListedMessage(new FakeTwilio.SentMessage(TwilioNumbers.NewMessageSid(), first.AccountSid, "", sandbox, "", null, sent)
        {
            DateSent = sent,
            RawJson = $$"""{"sid":"{{TwilioNumbers.NewMessageSid()}}","account_sid":"{{first.AccountSid}}","from":"whatsapp:{{Customer}}","to":"whatsapp:+15550008888","body":"Daftar salah alamat","direction":"inbound","status":"received","num_media":"0","date_sent":"{{date}}","date_created":"{{date}}"}""",
        });

        var run = await app.SendAsync(new RunTwilioBackfill());

        var outcome = Assert.Single(run, o => o.ConnectionId == first.ConnectionId);
        var other = Assert.Single(run, o => o.ConnectionId == second.ConnectionId);

        Assert.Equal((1, 2, null), (outcome.Recovered, outcome.Skipped, outcome.Error));
        Assert.Equal((1, 0, null), (other.Recovered, other.Skipped, other.Error));
        Assert.Equal([mine.Body], (await first.Workspace.AllMessagesAsync()).Select(m => m.Body));
        Assert.Equal([theirs.Body], (await second.Workspace.AllMessagesAsync()).Select(m => m.Body));
    }

    [Fact]
    public async Task W17_a_backfilled_media_message_is_downloaded_by_the_media_job()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        app.Twilio.HoldMedia = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            app.Twilio.MissedMessage(number, Customer, "", SecondsAgo(10), (Jpeg, "image/jpeg"));

            Assert.Equal(1, (await app.BackfillAsync(number)).Recovered);

            var ticketId = (await number.Workspace.TicketsOfAsync())[0].Int("id");
            var message = (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["messages"]!.AsArray().Single()!;
            Assert.Equal("[attachment: photo-1.jpg]", message.Str("body"));
            Assert.Equal("pending", message["attachments"]![0]!.Str("status"));
            app.Twilio.HoldMedia.SetResult();
            var attachment = await Eventually.WaitForAsync(
                async () => (await number.Workspace.MessageAsync(ticketId, message.Int("id")))["attachments"]![0]!,
                a => a.Str("status") != "pending", "the back-filled photo to be downloaded");
            Assert.Equal(("ready", "photo-1.jpg"), (attachment.Str("status"), attachment.Str("fileName")));
            Assert.Equal(Jpeg, await (await number.Workspace.Api.GetAsync($"/api/v1/attachments/{attachment.Int("id")}")).Content.ReadAsByteArrayAsync());
        }
        finally
        {
            app.Twilio.HoldMedia.TrySetResult();
            app.Twilio.HoldMedia = null;
        }
    }

    [Fact]
    public async Task W17_W16_a_revoked_token_fails_the_backfill_and_flags_the_connection()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        app.Twilio.MissedMessage(number, Customer, "Tidak terbaca tanpa token", SecondsAgo(10));
        app.Twilio.RotateToken(number.AccountSid);

        var outcome = await app.BackfillAsync(number);

        Assert.Contains("20003", outcome.Error);
        var channel = await number.ChannelAsync();
        Assert.Contains("20003", channel.Str("health"));
        Assert.Contains("20003", channel["backfill"]!.Str("error"));
        Assert.Empty(await number.Workspace.TicketsOfAsync());
    }

    [Fact]
    public async Task W17_the_channel_shows_when_the_backfill_ran_and_what_it_recovered()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        Assert.Null((await number.ChannelAsync())["backfill"]);
        app.Twilio.MissedMessage(number, Customer, "Satu", SecondsAgo(20));
        app.Twilio.MissedMessage(number, Customer, "Dua", SecondsAgo(10));

        await app.BackfillAsync(number);

        var channel = await number.ChannelAsync();
        Assert.Equal(2, channel["backfill"]!.Int("recovered"));
        Assert.Null(channel["backfill"]!["error"]);
        Assert.True(DateTime.UtcNow - channel["backfill"]!["ranAt"]!.GetValue<DateTime>() < TimeSpan.FromHours(1));
        // Only the webhook makes the card say "webhook working": these came by the back-fill.
        Assert.Null(channel["lastInboundAt"]);
    }

    [Fact]
    public async Task W17_another_number_on_the_channel_starts_its_backfill_afresh()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        await app.BackfillAsync(number);
        var other = TwilioNumbers.NewNumber();
        app.Twilio.AddAccount(number.AccountSid, number.AuthToken, whatsAppSenders: [other]);

        var update = await number.Workspace.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { accountSid = number.AccountSid, authToken = number.AuthToken, phoneNumber = other });

        Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync());
        Assert.Null((await number.ChannelAsync())["backfill"]);
    }
}

/// <summary>W17 with its own app: bounded runs over a long backlog, and a Twilio outage in the middle of one.</summary>
public class TwilioBackfillBoundsTests
{
    private const string Customer = "+6281298765432";

    [Fact]
    public async Task W17_more_messages_than_one_run_lists_are_recovered_over_bounded_runs()
    {
        using var app = new SuppuoApp().WithSetting("Suppuo:Twilio:BackfillPageSize", "3").WithSetting("Suppuo:Twilio:BackfillMaxPages", "2");
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var start = DateTime.UtcNow.AddMinutes(-5);
        var bodies = Enumerable.Range(1, 14).Select(i => $"Pesan {i:D2}").ToList();
        for (var i = 0; i < bodies.Count; i++)
            app.Twilio.MissedMessage(number, Customer, bodies[i], start.AddSeconds(10 * i));
        var listingPath = $"/2010-04-01/Accounts/{number.AccountSid}/Messages.json";
        int Listings() => app.Twilio.Requests.Count(r => r.Method == "GET" && r.Path == listingPath);

        var listingsBefore = Listings();
        var runs = new List<TwilioBackfillOutcome> { await app.BackfillAsync(number) };
        Assert.Equal(2, Listings() - listingsBefore); // PageSize 3 × MaxPages 2: a run reads two pages, then stops
        Assert.False(runs[0].CaughtUp);
        while (!runs[^1].CaughtUp && runs.Count < 10)
            runs.Add(await app.BackfillAsync(number));

        Assert.Equal(14, runs.Sum(r => r.Recovered));
        Assert.All(runs, r => Assert.InRange(r.Recovered, 0, 6));
        var messages = await number.Workspace.AllMessagesAsync();
        Assert.Equal(bodies, messages.Select(m => m.Body)); // each once, in the order the customer wrote them
        Assert.Equal(0, (await app.BackfillAsync(number)).Recovered);
    }

    [Fact]
    public async Task W17_a_twilio_outage_during_backfill_is_recorded_and_retried_at_the_next_run()
    {
        using var app = new SuppuoApp();
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var missed = app.Twilio.MissedMessage(number, Customer, "Terkirim saat Twilio sibuk", DateTime.UtcNow.AddMinutes(-1));
        app.Twilio.FailNext("messages-list", 503, 20503, "Service Unavailable");

        var failed = await app.BackfillAsync(number);

        Assert.Contains("503", failed.Error);
        Assert.Contains("503", (await number.ChannelAsync())["backfill"]!.Str("error"));
        // The app keeps serving: the webhook still stores what it brings.
        await app.SendWhatsAppAsync(number, "+6281200000001", "Lewat webhook");
        Assert.Single(await number.Workspace.TicketsOfAsync());

        var retried = await app.BackfillAsync(number);

        Assert.Equal((1, null), (retried.Recovered, retried.Error));
        Assert.Null((await number.ChannelAsync())["backfill"]!["error"]);
        Assert.Contains(missed.Body, (await number.Workspace.AllMessagesAsync()).Select(m => m.Body));
    }
}
