using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Suppuo.Tests.Fakes;

namespace Suppuo.Tests.Support;

/// <summary>A workspace's connected Twilio number, and what its customers send to it.</summary>
public sealed record TwilioNumber(TestWorkspace Workspace, string AccountSid, string AuthToken, string Number, int ConnectionId);

public static class TwilioNumbers
{
    public const string WebhookUrl = SuppuoApp.PublicBaseUrl + "/webhooks/twilio/whatsapp";

    public static string NewAccountSid() => "AC" + Guid.NewGuid().ToString("N");

    public static string NewNumber() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999);

    public static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");

    /// <summary>A Twilio account at the fake with this number as a WhatsApp sender, connected through the channels API.</summary>
    public static async Task<TwilioNumber> ConnectTwilioAsync(this SuppuoApp app, TestWorkspace workspace, string? number = null, string? accountSid = null)
    {
        var sid = accountSid ?? NewAccountSid();
        var token = "token-" + Guid.NewGuid().ToString("N");
        number ??= NewNumber();
        app.Twilio.AddAccount(sid, token, whatsAppSenders: [number]);
        var connection = await workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/twilio", new { accountSid = sid, authToken = token, phoneNumber = number });
        return new TwilioNumber(workspace, sid, token, number, connection.Int("id"));
    }

    /// <summary>The form Twilio posts for one inbound WhatsApp message (docs/providers.md, "Twilio: inbound webhook").</summary>
    public static Dictionary<string, string> InboundForm(this TwilioNumber number, string from, string? body, string? messageSid = null, string? profileName = "Budi")
    {
        var sid = messageSid ?? NewMessageSid();
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = number.AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["Body"] = body ?? "",
            ["From"] = "whatsapp:" + from,
            ["MessageSid"] = sid,
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["NumSegments"] = "1",
            ["SmsStatus"] = "received",
            ["To"] = "whatsapp:" + number.Number,
            ["WaId"] = from.TrimStart('+'),
        };
        if (profileName is not null)
            form["ProfileName"] = profileName;
        return form;
    }

    /// <summary>Posts the form to the webhook signed with <paramref name="signingToken"/> over <paramref name="signedUrl"/> (by default, correctly).</summary>
    public static Task<HttpResponseMessage> PostWebhookAsync(this SuppuoApp app, TwilioNumber number, IDictionary<string, string> form,
        string? signingToken = null, string signedUrl = WebhookUrl, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/whatsapp") { Content = new FormUrlEncodedContent(form) };
        if (sign)
            request.Headers.Add("X-Twilio-Signature", TwilioWebhookSigner.Sign(signingToken ?? number.AuthToken, signedUrl, form));
        return app.CreateClient().SendAsync(request);
    }

    /// <summary>A customer's WhatsApp message, correctly signed; asserts Twilio would see a 200 with empty TwiML.</summary>
    public static async Task SendWhatsAppAsync(this SuppuoApp app, TwilioNumber number, string from, string? body, string? messageSid = null, string? profileName = "Budi")
    {
        var response = await app.PostWebhookAsync(number, number.InboundForm(from, body, messageSid, profileName));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The webhook answered {(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", text);
    }

    public static async Task<JsonArray> TicketsOfAsync(this TestWorkspace workspace, string? phone = null) =>
        (await workspace.Api.GetJsonAsync("/api/v1/tickets?limit=100" + (phone is null ? "" : "&requesterPhone=" + Uri.EscapeDataString(phone))))["items"]!.AsArray();
}
