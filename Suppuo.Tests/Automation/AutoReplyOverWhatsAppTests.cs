using System.Net.Http.Json;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Automation;

/// <summary>W13: auto-replies reach WhatsApp customers through the same outbox as agents' replies.</summary>
public class AutoReplyOverWhatsAppTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task W13_a_new_whatsapp_ticket_gets_the_auto_reply_over_whatsapp_from_the_workspaces_number()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        (await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Halo {{requester.name}}, tiket #{{ticket.id}} sudah kami terima." })).EnsureSuccessStatusCode();

        await app.SendWhatsAppAsync(number, "+6281277770001", "Pesanan saya?", profileName: "Budi");

        var sent = await Eventually.UntilAsync(() => Task.FromResult(app.Twilio.Messages.FirstOrDefault(m => m.To == "whatsapp:+6281277770001")), "the auto-reply to reach Twilio");
        Assert.Equal("whatsapp:" + number.Number, sent.From);
        Assert.StartsWith("Halo Budi, tiket #", sent.Body);
        var ticket = (await workspace.TicketsOfAsync())[0]!;
        Assert.Equal("open", ticket.Str("status")); // T3: automation changes no status
    }

    [Fact]
    public async Task W15_an_api_ticket_the_customer_never_wrote_on_gets_no_auto_reply_over_whatsapp()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await app.ConnectTwilioAsync(workspace);
        (await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Terima kasih" })).EnsureSuccessStatusCode();

        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Dari API", channel = "whatsapp", requesterPhone = "+6281277770002" })).Int("id");

        var automation = await Eventually.WaitForAsync(
            async () => (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray().FirstOrDefault(m => m!.Str("author") == "automation"),
            message => message is not null, "the auto-reply message");
        Assert.Null(automation!["delivery"]); // outside any window the customer opened: shown on the ticket, not sent
        Assert.DoesNotContain(app.Twilio.Messages, m => m.To == "whatsapp:+6281277770002");
    }

    [Fact]
    public async Task Csat_resolving_a_whatsapp_ticket_asks_the_customer_for_a_rating_over_whatsapp_once()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        await app.SendWhatsAppAsync(number, "+6281277770003", "Sudah sampai, terima kasih");
        var ticket = (await workspace.TicketsOfAsync())[0]!;

        await workspace.Api.PatchAsync($"/api/v1/tickets/{ticket.Int("id")}", Json.Body("""{"status":"resolved"}"""));
        var sent = await Eventually.UntilAsync(() => Task.FromResult(app.Twilio.Messages.FirstOrDefault(m => m.To == "whatsapp:+6281277770003")), "the rating request");
        Assert.Contains("rate our help", sent.Body);
        Assert.Contains(ticket.Str("statusUrl"), sent.Body);

        await workspace.Api.PatchAsync($"/api/v1/tickets/{ticket.Int("id")}", Json.Body("""{"status":"pending"}"""));
        await workspace.Api.PatchAsync($"/api/v1/tickets/{ticket.Int("id")}", Json.Body("""{"status":"resolved"}"""));
        var messages = (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}"))["messages"]!.AsArray();
        Assert.Single(messages, m => m!.Str("author") == "automation");
        Assert.Equal("resolved", (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticket.Int("id")}")).Str("status"));
    }
}
