using MediatR;
using Suppuo.Core.Common;
using Suppuo.Core.Delivery;
using Suppuo.Core.Operations;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>Twilio's inbound messages and status callbacks: authenticated by Twilio's signature only (docs/contract.md, "Webhooks").</summary>
public static class TwilioWebhooks
{
    /// <summary>Twilio logs an error for an empty body or a missing content type: answer an empty TwiML document.</summary>
    private const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebhookRoutes.TwilioMessages, ReceiveMessage).WithMetadata(RequestBodyLimit.Webhook).ExcludeFromDescription();
        endpoints.MapPost(WebhookRoutes.TwilioStatus, ReceiveStatus).WithMetadata(RequestBodyLimit.Webhook).ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> ReceiveMessage(HttpRequest request, IMediator mediator, IPublicUrls urls, WebhookSignatureFailures failures, CancellationToken ct) =>
        HandleSigned(request, urls, failures, async (url, fields, signature) =>
        {
            var result = await mediator.Send(new ReceiveTwilioWebhook(url, fields, signature), ct);
            SuppuoTelemetry.WebhookMessagesReceived.Add(1, Twilio);
            (result.Duplicate ? SuppuoTelemetry.WebhookMessagesDuplicate : SuppuoTelemetry.WebhookMessagesStored).Add(1, Twilio);
            return result;
        }, ct);

    private static readonly KeyValuePair<string, object?> Twilio = SuppuoTelemetry.Provider("twilio");

    /// <summary>W11: delivery receipts; unknown message ids are answered 200 and ignored.</summary>
    private static Task<IResult> ReceiveStatus(HttpRequest request, IMediator mediator, IPublicUrls urls, WebhookSignatureFailures failures, CancellationToken ct) =>
        HandleSigned(request, urls, failures, (url, fields, signature) => mediator.Send(new ReceiveTwilioStatus(url, fields, signature), ct), ct);

    private static async Task<IResult> HandleSigned<T>(HttpRequest request, IPublicUrls urls, WebhookSignatureFailures failures,
        Func<string, IReadOnlyDictionary<string, string>, string?, Task<T>> send, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem(statusCode: 400, title: "Bad request", detail: "Twilio webhooks are application/x-www-form-urlencoded.");
        var form = await request.ReadFormAsync(ct);
        // Every received field is signed, so all of them go to the check, as sent.
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        // Behind a proxy the request we see is not the URL Twilio signed: rebuild it from Suppuo:PublicBaseUrl (docs/providers.md, "Twilio: signatures").
        var publicUrl = urls.Absolute(request.Path + request.QueryString);
        try
        {
            await send(publicUrl, fields, request.Headers["X-Twilio-Signature"].FirstOrDefault());
        }
        catch (WebhookSignatureException forged)
        {
            return await failures.RefuseAsync(request.HttpContext, forged);
        }
        return Results.Text(EmptyTwiml, "text/xml");
    }
}
