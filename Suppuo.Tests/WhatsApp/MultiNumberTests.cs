using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W19: a workspace with several numbers, Twilio and Cloud API in any mix; every conversation stays on the number written to.</summary>
public class MultiNumberTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Budi = "+6281234567890";
    private const string Siti = "+6285700000001";

    private static string CloudFrom(string phone) => phone.TrimStart('+');

    private async Task SendCloudAsync(CloudNumber number, string phone, string body)
    {
        var response = await app.PostMetaAsync(number.Notification(CloudNumbers.Text(CloudFrom(phone), body)), number.AppSecret);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> TicketAsync(TestWorkspace workspace, string phone, int connectionId) =>
        Assert.Single(await workspace.TicketsOfAsync(phone), t => t!["connectionId"]?.GetValue<int>() == connectionId)!;

    [Fact]
    public async Task W19_the_ticket_list_filters_by_connection_and_never_shows_another_workspace_s()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var first = await app.ConnectTwilioAsync(workspace);
        var second = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(first, Budi, "Ke nomor pertama");
        await app.SendWhatsAppAsync(second, Budi, "Ke nomor kedua");
        await app.SendWhatsAppAsync(second, Siti, "Siti ke nomor kedua");

        var onSecond = (await workspace.Api.GetJsonAsync($"/api/v1/tickets?connectionId={second.ConnectionId}"))["items"]!.AsArray();
        Assert.Equal(["Ke nomor kedua", "Siti ke nomor kedua"], onSecond.Select(t => t.Str("subject")).Order());
        Assert.All(onSecond, t => Assert.Equal(second.ConnectionId, t!["connectionId"]!.GetValue<int>()));

        var other = await app.CreateWorkspaceAsync();
        Assert.Empty((await other.Api.GetJsonAsync($"/api/v1/tickets?connectionId={second.ConnectionId}"))["items"]!.AsArray());
    }

    [Fact]
    public async Task W19_two_customers_writing_to_two_numbers_have_four_tickets_each_on_its_number()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var twilio = await app.ConnectTwilioAsync(workspace);
        await app.ConnectTwilioAsync(workspace); // a third number nobody writes to
        var cloud = await app.ConnectCloudAsync(workspace);

        foreach (var phone in new[] { Budi, Siti })
        {
            await app.SendWhatsAppAsync(twilio, phone, "Halo Twilio");
            await SendCloudAsync(cloud, phone, "Halo Cloud");
        }

        var tickets = await workspace.TicketsOfAsync();
        Assert.Equal(4, tickets.Count);
        foreach (var phone in new[] { Budi, Siti })
        {
            Assert.Equal("Halo Twilio", (await TicketAsync(workspace, phone, twilio.ConnectionId)).Str("subject"));
            Assert.Equal("Halo Cloud", (await TicketAsync(workspace, phone, cloud.ConnectionId)).Str("subject"));
        }
    }

    [Fact]
    public async Task W19_each_reply_leaves_from_the_number_its_ticket_was_written_to()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var first = await app.ConnectTwilioAsync(workspace);
        var second = await app.ConnectTwilioAsync(workspace);
        var cloud = await app.ConnectCloudAsync(workspace);
        await app.SendWhatsAppAsync(first, Budi, "Ke nomor pertama");
        await app.SendWhatsAppAsync(second, Budi, "Ke nomor kedua");
        await SendCloudAsync(cloud, Budi, "Ke nomor Cloud");

        foreach (var connectionId in new[] { first.ConnectionId, second.ConnectionId, cloud.ConnectionId })
        {
            var ticket = await TicketAsync(workspace, Budi, connectionId);
            var reply = await workspace.ReplyAsync(ticket.Int("id"), $"Balasan lewat {connectionId}");
            await workspace.WaitForDeliveryAsync(ticket.Int("id"), reply.Int("id"), "sent");
        }

        foreach (var number in new[] { first, second })
        {
            var sent = Assert.Single(app.Twilio.Messages, m => m.Body == $"Balasan lewat {number.ConnectionId}");
            Assert.Equal("whatsapp:" + number.Number, sent.From);
            Assert.Equal(number.AccountSid, sent.AccountSid);
        }
        var viaCloud = Assert.Single(app.Meta.Sent, s => s.Body["text"]?["body"]?.GetValue<string>() == $"Balasan lewat {cloud.ConnectionId}");
        Assert.Equal(cloud.PhoneNumberId, viaCloud.PhoneNumberId);
    }

    [Fact]
    public async Task W19_a_number_moved_from_twilio_to_the_cloud_api_continues_its_threads_and_replies_through_the_cloud()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = "+6221" + Random.Shared.Next(10_000_000, 99_999_999);
        var twilio = await app.ConnectTwilioAsync(workspace, number);
        await app.SendWhatsAppAsync(twilio, Budi, "Sebelum pindah");

        var id = CloudNumbers.NewPhoneNumberId();
        app.Meta.AddPhoneNumber(id, "fake-meta-token-moved", "moved-secret", displayPhoneNumber: number);
        var connected = await workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/cloud", new { phoneNumberId = id, accessToken = "fake-meta-token-moved", appSecret = "moved-secret" });
        var cloud = new CloudNumber(workspace, id, "fake-meta-token-moved", "moved-secret", connected.Str("verifyToken"), connected.Int("id"));
        await SendCloudAsync(cloud, Budi, "Sesudah pindah");

        var ticket = Assert.Single(await workspace.TicketsOfAsync());
        Assert.Equal(cloud.ConnectionId, ticket!["connectionId"]!.GetValue<int>()); // the most recently connected carries it
        var messages = (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]!.AsArray();
        Assert.Equal(["Sebelum pindah", "Sesudah pindah"], messages.Select(m => m.Str("body")).Order()); // Meta's timestamp is in whole seconds

        var reply = await workspace.ReplyAsync(ticket.Int("id"), "Dibalas lewat Cloud API");
        await workspace.WaitForDeliveryAsync(ticket.Int("id"), reply.Int("id"), "sent");
        Assert.Contains(app.Meta.Sent, s => s.PhoneNumberId == id && s.Body["text"]?["body"]?.GetValue<string>() == "Dibalas lewat Cloud API");
        Assert.DoesNotContain(app.Twilio.Messages, m => m.Body == "Dibalas lewat Cloud API");
    }

    [Fact]
    public async Task W19_concurrent_first_messages_to_two_numbers_from_one_customer_make_exactly_two_tickets()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var first = await app.ConnectTwilioAsync(workspace);
        var second = await app.ConnectTwilioAsync(workspace);
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => app.SendWhatsAppAsync(i % 2 == 0 ? first : second, Budi, $"Pesan {i}")));

        var tickets = await workspace.TicketsOfAsync();
        Assert.Equal(2, tickets.Count);
        foreach (var (number, parity) in new[] { (first, 0), (second, 1) })
        {
            var ticket = await TicketAsync(workspace, Budi, number.ConnectionId);
            var bodies = (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]!.AsArray().Select(m => m.Str("body"));
            Assert.Equal(Enumerable.Range(1, 20).Where(i => i % 2 == parity).Select(i => $"Pesan {i}").Order(), bodies.Order());
        }
    }

    [Fact]
    public async Task W19_a_numbers_default_assignee_is_given_the_tickets_it_opens()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var sales = await app.ConnectTwilioAsync(workspace);
        var support = await app.ConnectTwilioAsync(workspace);
        var agents = (await workspace.Api.GetJsonAsync("/api/v1/agents"))["items"]!.AsArray();
        Assert.Equal(workspace.OwnerUserId, Assert.Single(agents)!.Str("id"));

        var patched = await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{sales.ConnectionId}", new { defaultAssigneeId = workspace.OwnerUserId, label = "Penjualan" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var channel = await patched.ReadJsonAsync();
        Assert.Equal("Penjualan", channel.Str("label"));
        Assert.Equal(workspace.OwnerUserId, channel.Str("defaultAssigneeId"));

        await app.SendWhatsAppAsync(sales, Budi, "Mau beli");
        await app.SendWhatsAppAsync(support, Budi, "Mau komplain");
        Assert.Equal(workspace.OwnerUserId, (await TicketAsync(workspace, Budi, sales.ConnectionId))["assigneeId"]?.GetValue<string>());
        Assert.Null((await TicketAsync(workspace, Budi, support.ConnectionId))["assigneeId"]);

        var unknown = await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{sales.ConnectionId}", new { defaultAssigneeId = "no-such-agent" });
        await unknown.AssertProblemAsync(400, "defaultAssigneeId");
    }

    [Fact]
    public async Task W19_the_first_number_stays_default_until_an_admin_picks_another_and_removing_it_passes_it_to_the_earliest_left()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var first = await app.ConnectTwilioAsync(workspace);
        var second = await app.ConnectTwilioAsync(workspace);
        var third = await app.ConnectCloudAsync(workspace);
        async Task<int> DefaultAsync() => Assert.Single((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray(), c => c!["isDefault"]!.GetValue<bool>())!.Int("id");
        Assert.Equal(first.ConnectionId, await DefaultAsync());

        Assert.Equal(HttpStatusCode.OK, (await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{third.ConnectionId}", new { isDefault = true })).StatusCode);
        Assert.Equal(third.ConnectionId, await DefaultAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await workspace.Api.DeleteAsync($"/api/v1/channels/{third.ConnectionId}")).StatusCode);
        Assert.Equal(first.ConnectionId, await DefaultAsync());
        Assert.Equal(2, (await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray().Count);
        var all = (await workspace.Api.GetJsonAsync("/api/v1/channels?include=disconnected")).AsArray();
        Assert.Equal(3, all.Count);
        Assert.NotNull(all.Single(c => c!.Int("id") == third.ConnectionId)!["disconnectedAt"]);

        // An API ticket without connectionId takes the default number.
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Dari API", channel = "whatsapp", requesterPhone = Budi });
        Assert.Equal(first.ConnectionId, ticket["connectionId"]!.GetValue<int>());
        _ = second;
    }

    [Fact]
    public async Task W19_a_label_over_60_characters_is_400()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        var response = await workspace.Api.PatchAsJsonAsync($"/api/v1/channels/{number.ConnectionId}", new { label = new string('x', 61) });
        await response.AssertProblemAsync(400, "label");
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "token", whatsAppSenders: ["+15550000077"]);
        var connect = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = "+15550000077", label = new string('y', 61) });
        await connect.AssertProblemAsync(400, "label");
        var labelled = await workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = "+15550000077", label = "Cabang Bandung" });
        Assert.Equal("Cabang Bandung", labelled.Str("label"));
        Assert.Equal(number.Number, (await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray().Single(c => c!.Int("id") == number.ConnectionId)!.Str("label"));
    }

    [Fact]
    public async Task W19_a_ticket_on_a_disconnected_number_saves_public_replies_as_failed_until_moved_then_sends_from_the_new_number()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var staying = await app.ConnectTwilioAsync(workspace);
        var leaving = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(leaving, Budi, "Halo");
        var ticket = await TicketAsync(workspace, Budi, leaving.ConnectionId);
        await workspace.Api.DeleteAsync($"/api/v1/channels/{leaving.ConnectionId}");

        Assert.Equal(leaving.ConnectionId, (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["connectionId"]!.GetValue<int>());
        var reply = await workspace.ReplyAsync(ticket.Int("id"), "Tidak boleh hilang");
        var delivery = await workspace.WaitForDeliveryAsync(ticket.Int("id"), reply.Int("id"), "failed");
        Assert.Contains("disconnected", delivery.Str("error"));
        Assert.Contains("Move the ticket", delivery.Str("error"));

        var refused = await workspace.Api.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Int("id")}", new { connectionId = leaving.ConnectionId });
        await refused.AssertProblemAsync(400, "connectionId");
        var elsewhere = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var foreign = await workspace.Api.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Int("id")}", new { connectionId = elsewhere.ConnectionId });
        await foreign.AssertProblemAsync(404);
        var foreignCreate = await workspace.Api.PostAsJsonAsync("/api/v1/tickets", new { subject = "x", channel = "whatsapp", requesterPhone = Budi, connectionId = elsewhere.ConnectionId });
        await foreignCreate.AssertProblemAsync(404);

        var moved = await workspace.Api.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Int("id")}", new { connectionId = staying.ConnectionId });
        Assert.Equal(staying.ConnectionId, (await moved.ReadJsonAsync())["connectionId"]!.GetValue<int>());
        Assert.True((await workspace.Api.PostAsync($"/api/v1/messages/{reply.Int("id")}/retry", null)).IsSuccessStatusCode);
        await workspace.WaitForDeliveryAsync(ticket.Int("id"), reply.Int("id"), "sent");
        Assert.Equal("whatsapp:" + staying.Number, Assert.Single(app.Twilio.Messages, m => m.Body == "Tidak boleh hilang").From);
    }

    [Fact]
    public async Task W19_a_number_disconnected_and_connected_again_reuses_its_connection_and_keeps_its_tickets()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, Budi, "Sebelum");
        await workspace.Api.DeleteAsync($"/api/v1/channels/{number.ConnectionId}");
        var again = await workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = number.AccountSid, authToken = number.AuthToken, phoneNumber = number.Number });
        Assert.Equal(number.ConnectionId, again.Int("id"));
        await app.SendWhatsAppAsync(number, Budi, "Sesudah");
        var ticket = Assert.Single(await workspace.TicketsOfAsync());
        Assert.Equal(2, (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket!.Int("id")}"))["messages"]!.AsArray().Count);
    }
}

/// <summary>W19 on PostgreSQL: the conversation lock per number holds where ingest writers commit side by side.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class MultiNumberOnPostgresTests(PostgresApp app) : MultiNumberTests(app), IClassFixture<PostgresApp>;
