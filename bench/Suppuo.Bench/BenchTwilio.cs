using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.Workspaces;

namespace Suppuo.Bench;

/// <summary>The benchmarks' workspace with a connected Twilio number, and correctly signed inbound webhooks for it.</summary>
internal static class BenchTwilio
{
    public const string WebhookPath = "/webhooks/twilio/whatsapp";
    private const string AccountSid = "AC00000000000000000000000000bench1";
    private const string AuthToken = "bench-auth-token-0123456789abcdef";
    private const string OurNumber = "+14155550100";

    /// <summary>A workspace (signed in as <see cref="PublishedApp.Email"/>) with the number connected, its token encrypted with the directory's keys.</summary>
    public static async Task SeedAsync(string dataDirectory, string? postgres = null)
    {
        await using var services = BenchServices.Build(dataDirectory, postgres);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        await SuppuoDatabase.MigrateAsync(db);
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateWorkspace("Bench", PublishedApp.Email, PublishedApp.Password));
        // W19: the connection carries its number, as connecting through the wizard leaves it.
        var number = db.BusinessNumbers.Add(new BusinessNumber { WorkspaceId = created.WorkspaceId, Key = OurNumber, CreatedAt = DateTime.UtcNow }).Entity;
        await db.SaveChangesAsync();
        var connection = db.WhatsAppConnections.Add(new WhatsAppConnection
        {
            WorkspaceId = created.WorkspaceId, Provider = WhatsAppProvider.Twilio, AccountSid = AccountSid, PhoneNumber = OurNumber,
            EncryptedToken = scope.ServiceProvider.GetRequiredService<SecretProtector>().Protect(AuthToken), ConnectedAt = DateTime.UtcNow,
            BusinessNumberId = number.Id, Label = OurNumber, IsDefault = true,
        }).Entity;
        await db.SaveChangesAsync();
        number.ConnectionId = connection.Id;
        await db.SaveChangesAsync();
    }

    /// <summary>One inbound text message as Twilio posts it: the form body and its X-Twilio-Signature for <paramref name="baseUrl"/>.</summary>
    public static (byte[] Body, string Signature) Inbound(string baseUrl, string messageSid, string fromPhone, string text)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["SmsMessageSid"] = messageSid, ["MessageSid"] = messageSid, ["AccountSid"] = AccountSid,
            ["From"] = "whatsapp:" + fromPhone, ["To"] = "whatsapp:" + OurNumber, ["Body"] = text, ["NumMedia"] = "0",
            ["ProfileName"] = "Pelanggan " + fromPhone[^4..], ["WaId"] = fromPhone[1..], ["MessageType"] = "text", ["NumSegments"] = "1",
        };
        // Twilio's scheme (docs/providers.md, "Twilio: signatures"): HMAC-SHA1 over the URL followed by every name and value, sorted by name.
        var signed = baseUrl + WebhookPath + string.Concat(fields.Select(f => f.Key + f.Value));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(signed)));
        return (new FormUrlEncodedContent(fields).ReadAsByteArrayAsync().Result, signature);
    }

    public static HttpRequestMessage Post((byte[] Body, string Signature) inbound)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new ByteArrayContent(inbound.Body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Twilio-Signature", inbound.Signature);
        return request;
    }
}
