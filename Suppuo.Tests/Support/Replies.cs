using System.Net;
using System.Net.Http.Headers;
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

    /// <summary>A message with files, as multipart/form-data (docs/contract.md, "/api/v1", POST /tickets/{id}/messages).</summary>
    public static MultipartFormDataContent Form(string? body, bool? isInternal, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        if (body is not null)
            form.Add(new StringContent(body), "body");
        if (isInternal is not null)
            form.Add(new StringContent(isInternal.Value ? "true" : "false"), "internal");
        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "files", name);
        }
        return form;
    }

    public static async Task<JsonNode> ReplyWithFilesAsync(this TestWorkspace workspace, int ticketId, string? body, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var response = await workspace.Api.PostAsync($"/api/v1/tickets/{ticketId}/messages", Form(body, false, files));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"The reply answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> MessageAsync(this TestWorkspace workspace, int ticketId, int messageId) =>
        (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["messages"]!.AsArray().Single(m => m.Int("id") == messageId)!;

    /// <summary>Waits until the message's delivery is <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonNode> WaitForDeliveryAsync(this TestWorkspace workspace, int ticketId, int messageId, string status) =>
        (await Eventually.WaitForAsync(
            () => workspace.MessageAsync(ticketId, messageId),
            message => message["delivery"]?["status"]?.GetValue<string>() == status,
            $"the delivery of message {messageId} to be {status}"))["delivery"]!;
}
