using System.Text.Json.Nodes;

namespace Suppuo.Tests.Support;

/// <summary>Agent replies through the API and how their WhatsApp delivery looks from outside.</summary>
public static class Replies
{
    public const string Customer = "+6281234567890";

    /// <summary>A WhatsApp ticket of <paramref name="phone"/>, opened through the API.</summary>
    public static async Task<int> WhatsAppTicketAsync(this TestWorkspace workspace, string phone = Customer, string? email = null) =>
        (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Pesanan belum sampai", channel = "whatsapp", requesterPhone = phone, requesterEmail = email })).Int("id");

    public static async Task<JsonNode> ReplyAsync(this TestWorkspace workspace, int ticketId, string body, bool isInternal = false) =>
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body, @internal = isInternal });

    public static async Task<JsonNode> MessageAsync(this TestWorkspace workspace, int ticketId, int messageId) =>
        (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["messages"]!.AsArray().Single(m => m.Int("id") == messageId)!;

    /// <summary>Waits until the message's delivery is <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonNode> WaitForDeliveryAsync(this TestWorkspace workspace, int ticketId, int messageId, string status) =>
        (await Eventually.WaitForAsync(
            () => workspace.MessageAsync(ticketId, messageId),
            message => message["delivery"]?["status"]?.GetValue<string>() == status,
            $"the delivery of message {messageId} to be {status}"))["delivery"]!;
}
