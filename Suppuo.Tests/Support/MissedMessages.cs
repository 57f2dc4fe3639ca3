using System.Text.Json.Nodes;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Tests.Fakes;

namespace Suppuo.Tests.Support;

/// <summary>W17: customers' messages that reached Twilio but never our webhook, and the back-fill that finds them.</summary>
public static class MissedMessages
{
    /// <summary>A message from <paramref name="from"/> to the number, sent at <paramref name="sentAt"/>, only in Twilio's message list.</summary>
    public static FakeTwilio.SentMessage MissedMessage(this FakeTwilio twilio, TwilioNumber number, string from, string body, DateTime sentAt,
        params (byte[] Bytes, string ContentType)[] media) =>
        twilio.AddInboundMessage(number.AccountSid, "whatsapp:" + from, "whatsapp:" + number.Number, body, WholeSeconds(sentAt), media);

    /// <summary>Twilio's lists carry times to the second (RFC 2822).</summary>
    public static DateTime WholeSeconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>One back-fill run, as the worker makes it; returns what it did for <paramref name="number"/>.</summary>
    public static async Task<TwilioBackfillOutcome> BackfillAsync(this SuppuoApp app, TwilioNumber number) =>
        Assert.Single(await app.SendAsync(new RunTwilioBackfill()), o => o.ConnectionId == number.ConnectionId);

    /// <summary>The channel as GET /api/v1/channels shows it.</summary>
    public static async Task<JsonNode> ChannelAsync(this TwilioNumber number) =>
        (await number.Workspace.Api.GetJsonAsync("/api/v1/channels")).AsArray().Single(c => c.Int("id") == number.ConnectionId)!;

    /// <summary>Every message of the workspace's tickets, as (ticket id, body), oldest first per ticket.</summary>
    public static async Task<List<(int TicketId, string Body)>> AllMessagesAsync(this TestWorkspace workspace)
    {
        var messages = new List<(int, string)>();
        foreach (var ticket in await workspace.TicketsOfAsync())
        {
            var id = ticket!.Int("id");
            foreach (var message in (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray())
                messages.Add((id, message!.Str("body")));
        }
        return messages;
    }
}
