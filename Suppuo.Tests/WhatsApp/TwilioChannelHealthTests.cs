using System.Net.Http.Json;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W16: a connection whose credentials stop working is flagged with what to do, instead of failing silently.</summary>
public class TwilioChannelHealthTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private async Task<string> HealthOfAsync(TwilioNumber number) =>
        (await number.Workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray().Single(c => c.Int("id") == number.ConnectionId).Str("health");

    [Fact]
    public async Task W16_a_revoked_token_flags_the_connection()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var ticketId = await number.Workspace.WhatsAppTicketAsync();
        Assert.Equal("ok", await HealthOfAsync(number));
        var newToken = app.Twilio.RotateToken(number.AccountSid);

        var messageId = (await number.Workspace.ReplyAsync(ticketId, $"Halo #{Guid.NewGuid():N}")).Int("id");

        var delivery = await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "failed");
        Assert.Contains("20003", delivery.Str("error"));
        var health = await HealthOfAsync(number);
        Assert.Contains("20003", health);
        Assert.Contains("Auth Token", health);

        // The admin enters the current token: the flag clears, and the agent's retry goes out.
        var update = await number.Workspace.Api.PutAsJsonAsync($"/api/v1/channels/{number.ConnectionId}",
            new { accountSid = number.AccountSid, authToken = newToken, phoneNumber = number.Number });
        Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync());
        Assert.Equal("ok", await HealthOfAsync(number));
        await number.Workspace.Api.PostAsync($"/api/v1/messages/{messageId}/retry", null);
        await number.Workspace.WaitForDeliveryAsync(ticketId, messageId, "sent");
    }

    [Fact]
    public async Task W16_media_refused_for_the_accounts_credentials_flags_the_connection()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var url = app.Twilio.AddMedia(number.AccountSid, [1, 2, 3], "image/jpeg");
        app.Twilio.RotateToken(number.AccountSid);
        var form = number.InboundForm(Replies.Customer, "Foto");
        form["NumMedia"] = "1";
        form["MediaUrl0"] = url;
        form["MediaContentType0"] = "image/jpeg";
        Assert.True((await app.PostWebhookAsync(number, form)).IsSuccessStatusCode);

        await Eventually.WaitForAsync(() => HealthOfAsync(number), health => health != "ok", "the connection to be flagged");
        Assert.Contains("20003", await HealthOfAsync(number));
    }
}
