using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W1–W3 through /api/v1/channels against the fake Twilio, which the real Twilio SDK talks to.</summary>
public class TwilioChannelsApiTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Theory]
    [InlineData("GET", "/api/v1/channels")]
    [InlineData("POST", "/api/v1/channels/whatsapp/twilio")]
    [InlineData("PUT", "/api/v1/channels/1")]
    [InlineData("DELETE", "/api/v1/channels/1")]
    public async Task Every_channels_route_without_an_api_key_is_401(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json.Body("{}") });
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task W1_connect_checks_the_account_and_sender_at_twilio_then_returns_the_webhook_url_and_no_secret()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        var number = TwilioNumbers.NewNumber();
        app.Twilio.AddAccount(sid, "secret-token-1", whatsAppSenders: [number]);

        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "secret-token-1", phoneNumber = number });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-token-1", text);
        var connection = await response.ReadJsonAsync();
        Assert.Equal("twilio", connection.Str("provider"));
        Assert.Equal(number, connection.Str("phoneNumber"));
        Assert.Equal("https://suppuo.example.com/webhooks/twilio/whatsapp", connection.Str("webhookUrl"));
        Assert.True(connection["activeForReplies"]!.GetValue<bool>());
        Assert.Equal("ok", connection.Str("health"));
        Assert.Null(connection["lastInboundAt"]);
        Assert.Contains(app.Twilio.Requests, r => r.Path == $"/2010-04-01/Accounts/{sid}.json" && r.BasicUser == sid);
        Assert.Contains(app.Twilio.Requests, r => r.Path == "/v2/Channels/Senders" && r.OriginalHost == "messaging.twilio.com");
    }

    [Fact]
    public async Task W1_the_auth_token_is_encrypted_at_rest()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        var stored = await app.WithDbAsync(db => db.WhatsAppConnections.SingleAsync(c => c.Id == number.ConnectionId));
        Assert.NotNull(stored.EncryptedToken);
        Assert.DoesNotContain(number.AuthToken, stored.EncryptedToken);
    }

    [Fact]
    public async Task W1_a_wrong_auth_token_is_422_naming_authToken_and_saves_nothing()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "right-token", whatsAppSenders: ["+15550000001"]);

        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "wrong-token", phoneNumber = "+15550000001" });

        var problem = await response.AssertProblemAsync(422, "authToken");
        Assert.Contains("20003", problem.Str("detail"));
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray());
    }

    [Fact]
    public async Task W1_a_number_that_is_not_a_sender_of_the_account_is_422_naming_phoneNumber()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "token", whatsAppSenders: ["+15550000002"]);

        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = "+15550009999" });

        var problem = await response.AssertProblemAsync(422, "phoneNumber");
        Assert.Contains("+15550009999 is not a WhatsApp sender", problem.Str("detail"));
    }

    [Fact]
    public async Task W1_a_number_among_the_accounts_incoming_numbers_is_accepted()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "token", incomingNumbers: ["+15550000003"]);
        await workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = "whatsapp:+1 555-000-0003" });
        Assert.Equal("+15550000003", (await workspace.Api.GetJsonAsync("/api/v1/channels"))[0].Str("phoneNumber"));
    }

    [Fact]
    public async Task W1_twilio_failing_on_its_side_is_503_and_saves_nothing()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "token", whatsAppSenders: ["+15550000004"]);
        app.Twilio.FailNext("account", 500, 20500, "Internal Server Error");

        var response = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = "+15550000004" });

        await response.AssertProblemAsync(503);
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray());
    }

    [Theory]
    [InlineData("""{"authToken":"t","phoneNumber":"+15550000005"}""", "accountSid")]
    [InlineData("""{"accountSid":"AC123","authToken":"t","phoneNumber":"+15550000005"}""", "accountSid")]
    [InlineData("""{"accountSid":"AC00000000000000000000000000000001","phoneNumber":"+15550000005"}""", "authToken")]
    [InlineData("""{"accountSid":"AC00000000000000000000000000000001","authToken":"t","phoneNumber":"0812"}""", "phoneNumber")]
    [InlineData("""{"accountSid":"AC00000000000000000000000000000001","authToken":"t"}""", "phoneNumber")]
    public async Task W1_malformed_credentials_are_400_naming_the_field_without_asking_twilio(string json, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PostAsync("/api/v1/channels/whatsapp/twilio", Json.Body(json))).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task W2_a_number_another_workspace_holds_is_409()
    {
        var first = await app.CreateWorkspaceAsync();
        var connected = await app.ConnectTwilioAsync(first);
        var second = await app.CreateWorkspaceAsync();
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "token", whatsAppSenders: [connected.Number]);

        var response = await second.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = connected.Number });

        var problem = await response.AssertProblemAsync(409);
        Assert.Contains("another Suppuo workspace", problem.Str("detail"));
    }

    [Fact]
    public async Task W26_another_workspaces_number_with_wrong_credentials_is_422_never_revealing_it_is_taken()
    {
        var first = await app.CreateWorkspaceAsync();
        var connected = await app.ConnectTwilioAsync(first);
        var prober = await app.CreateWorkspaceAsync();

        // Someone who guesses at numbers without controlling them: any account id, any token.
        var response = await prober.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio",
            new { accountSid = TwilioNumbers.NewAccountSid(), authToken = "guess", phoneNumber = connected.Number });
        var problem = await response.AssertProblemAsync(422);
        Assert.DoesNotContain("another", problem.Str("detail"));

        // The holder's own account id with a wrong token says no more.
        var withSid = await prober.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio",
            new { accountSid = connected.AccountSid, authToken = "guess", phoneNumber = connected.Number });
        await withSid.AssertProblemAsync(422, "authToken");
    }

    [Fact]
    public async Task W19_a_second_twilio_number_in_one_workspace_is_connected_and_the_same_one_again_is_409_with_a_hint()
    {
        // Changed by W19: the beta refused any second Twilio number; now only the same number through Twilio again is refused.
        var workspace = await app.CreateWorkspaceAsync();
        var first = await app.ConnectTwilioAsync(workspace);
        var sid = TwilioNumbers.NewAccountSid();
        app.Twilio.AddAccount(sid, "token", whatsAppSenders: ["+15550000006", first.Number]);
        var second = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = "+15550000006" });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var again = await workspace.Api.PostAsJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = "token", phoneNumber = first.Number });
        var problem = await again.AssertProblemAsync(409);
        Assert.Contains($"PUT /api/v1/channels/{first.ConnectionId}", problem.Str("detail"));
    }

    [Fact]
    public async Task W3_the_sandbox_number_is_held_by_several_workspaces_each_through_its_own_account()
    {
        var first = await app.CreateWorkspaceAsync();
        var second = await app.CreateWorkspaceAsync();
        var a = await app.ConnectTwilioAsync(first, "+14155238886");
        var b = await app.ConnectTwilioAsync(second, "+14155238886");

        await app.SendWhatsAppAsync(a, "+6281100000001", "Halo dari A");
        await app.SendWhatsAppAsync(b, "+6281100000002", "Halo dari B");

        Assert.Equal(["Halo dari A"], (await first.TicketsOfAsync()).Select(t => t.Str("subject")));
        Assert.Equal(["Halo dari B"], (await second.TicketsOfAsync()).Select(t => t.Str("subject")));
    }

    [Fact]
    public async Task W2_disconnect_stops_inbound_routing_and_keeps_the_tickets()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, "+6281100000003", "Sebelum");

        var deleted = await workspace.Api.DeleteAsync($"/api/v1/channels/{number.ConnectionId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var after = await app.PostWebhookAsync(number, number.InboundForm("+6281100000003", "Sesudah"));
        await after.AssertProblemAsync(404);
        Assert.Single(await workspace.TicketsOfAsync());
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray());
    }

    [Fact]
    public async Task W2_a_number_disconnected_through_another_node_routes_nothing_in_though_this_node_remembers_its_route()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, "+6281100000005", "Sebelum"); // this node now remembers the route

        // Another node's DELETE: the row goes, this node's memory of the route stays.
        await app.WithDbAsync(db => db.WhatsAppConnections.Where(c => c.Id == number.ConnectionId).ExecuteDeleteAsync());

        var after = await app.PostWebhookAsync(number, number.InboundForm("+6281100000005", "Sesudah"));
        await after.AssertProblemAsync(404);
        Assert.Single(await workspace.TicketsOfAsync());
    }

    [Fact]
    public async Task W4_a_token_rotated_through_another_node_is_read_again_once_a_signature_stops_matching_the_remembered_one()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, "+6281100000006", "Token lama"); // this node now remembers the old token

        var rotated = number with { AuthToken = "rotated-" + Guid.NewGuid().ToString("N") };
        var secrets = app.Services.GetRequiredService<Core.WhatsApp.SecretProtector>();
        await app.WithDbAsync(db => db.WhatsAppConnections.Where(c => c.Id == number.ConnectionId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.EncryptedToken, secrets.Protect(rotated.AuthToken))));

        await app.SendWhatsAppAsync(rotated, "+6281100000006", "Token baru");
        await (await app.PostWebhookAsync(number, number.InboundForm("+6281100000006", "Token lama lagi"))).AssertProblemAsync(403);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{(await workspace.TicketsOfAsync()).Single()!.Int("id")}");
        Assert.Equal(["Token lama", "Token baru"], ticket["messages"]!.AsArray().Select(m => m.Str("body")));
    }

    [Fact]
    public async Task Another_workspaces_channel_is_404_for_put_and_delete()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(theirs);

        await (await mine.Api.DeleteAsync($"/api/v1/channels/{number.ConnectionId}")).AssertProblemAsync(404);
        await (await mine.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { accountSid = number.AccountSid, authToken = number.AuthToken, phoneNumber = number.Number })).AssertProblemAsync(404);
        Assert.Single((await theirs.Api.GetJsonAsync("/api/v1/channels")).AsArray());
    }

    [Fact]
    public async Task Put_rechecks_new_credentials_before_saving_them()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);

        var wrong = await workspace.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { accountSid = number.AccountSid, authToken = "revoked", phoneNumber = number.Number });
        await wrong.AssertProblemAsync(422, "authToken");
        await app.SendWhatsAppAsync(number, "+6281100000004", "Token lama masih jalan"); // the old token still signs

        app.Twilio.AddAccount(number.AccountSid, "rotated-token", whatsAppSenders: [number.Number]);
        var rotated = await workspace.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { accountSid = number.AccountSid, authToken = "rotated-token", phoneNumber = number.Number });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("ok", (await rotated.ReadJsonAsync()).Str("health"));
        await app.SendWhatsAppAsync(number with { AuthToken = "rotated-token" }, "+6281100000004", "Token baru");
    }
}
