using MediatR;
using Suppuo.Core.Operations;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.CloudApi;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>GET and POST /webhooks/meta/whatsapp: Meta's handshake and notifications, authenticated by Meta only (docs/contract.md, "Webhooks").</summary>
public static class MetaWebhooks
{
    public static IEndpointRouteBuilder MapMetaWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebhookRoutes.Meta, Verify).ExcludeFromDescription();
        endpoints.MapPost(WebhookRoutes.Meta, Receive).WithMetadata(RequestBodyLimit.Webhook).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Verify(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var query = request.Query;
        var challenge = await mediator.Send(new VerifyMetaWebhook(query["hub.mode"], query["hub.verify_token"], query["hub.challenge"]), ct);
        return Results.Text(challenge, "text/plain");
    }

    private static readonly KeyValuePair<string, object?> Cloud = SuppuoTelemetry.Provider("cloud");

    private static async Task<IResult> Receive(HttpRequest request, IMediator mediator, WebhookSignatureFailures failures, CancellationToken ct)
    {
        // The signature covers the bytes Meta sent: read them once, exactly, before any parsing.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        try
        {
            var result = await mediator.Send(new ReceiveMetaWebhook(buffer.ToArray(), request.Headers["X-Hub-Signature-256"].FirstOrDefault()), ct);
            SuppuoTelemetry.WebhookMessagesReceived.Add(result.Stored + result.Duplicates + result.Skipped, Cloud);
            SuppuoTelemetry.WebhookMessagesStored.Add(result.Stored, Cloud);
            SuppuoTelemetry.WebhookMessagesDuplicate.Add(result.Duplicates, Cloud);
        }
        catch (WebhookSignatureException forged)
        {
            return await failures.RefuseAsync(request.HttpContext, forged);
        }
        return Results.Ok();
    }
}
