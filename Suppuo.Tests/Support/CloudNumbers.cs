using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Suppuo.Tests.Support;

/// <summary>A workspace's connected Cloud API number, and what Meta posts for it.</summary>
public sealed record CloudNumber(TestWorkspace Workspace, string PhoneNumberId, string AccessToken, string AppSecret, string VerifyToken, int ConnectionId);

public static class CloudNumbers
{
    public static string NewPhoneNumberId() => "4" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    public static async Task<CloudNumber> ConnectCloudAsync(this SuppuoApp app, TestWorkspace workspace)
    {
        var id = NewPhoneNumberId();
        var token = "fake-meta-token-" + Guid.NewGuid().ToString("N");
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        // Its own display number, as at Meta: W19 makes one E.164 number in two places a move or a conflict (W2).
        app.Meta.AddPhoneNumber(id, token, secret, displayPhoneNumber: "+62 21-" + id[^8..]);
        var connection = await workspace.Api.PostJsonAsync("/api/v1/channels/whatsapp/cloud", new { phoneNumberId = id, accessToken = token, appSecret = secret });
        return new CloudNumber(workspace, id, token, secret, connection.Str("verifyToken"), connection.Int("id"));
    }

    /// <summary>A notification with these `messages[]` items and one contact per sender (docs/providers.md, "Meta: notifications").</summary>
    public static string Notification(this CloudNumber number, params JsonObject[] messages)
    {
        var contacts = new JsonArray(messages.Select(m => m["from"]?.GetValue<string>()).Distinct()
            .Select(from => (JsonNode)new JsonObject { ["profile"] = new JsonObject { ["name"] = "Budi" }, ["wa_id"] = from }).ToArray());
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "622150001234", ["phone_number_id"] = number.PhoneNumberId },
            ["contacts"] = contacts,
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)m).ToArray()),
        };
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject { ["id"] = "300000000000001", ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = value }) }),
        }.ToJsonString();
    }

    public static JsonObject Text(string from, string body, string? wamid = null) => new()
    {
        ["from"] = from, ["id"] = wamid ?? "wamid." + Guid.NewGuid().ToString("N"), ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
        ["type"] = "text", ["text"] = new JsonObject { ["body"] = body },
    };

    public static JsonObject OfType(string from, string type, JsonObject content) => new()
    {
        ["from"] = from, ["id"] = "wamid." + Guid.NewGuid().ToString("N"), ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
        ["type"] = type, [type] = content,
    };

    public static string Sign(string appSecret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>Posts the exact bytes, signed with <paramref name="secret"/> (by default the connection's) unless told not to.</summary>
    public static Task<HttpResponseMessage> PostMetaAsync(this SuppuoApp app, string json, string? secret, bool sign = true) =>
        app.PostMetaAsync(Encoding.UTF8.GetBytes(json), secret, sign);

    /// <summary>Posts these bytes as they are, which need not be valid UTF-8, signed like any notification.</summary>
    public static Task<HttpResponseMessage> PostMetaAsync(this SuppuoApp app, byte[] bytes, string? secret, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/meta/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (sign && secret is not null)
            request.Headers.Add("X-Hub-Signature-256", Sign(secret, bytes));
        return app.CreateClient().SendAsync(request);
    }
}
