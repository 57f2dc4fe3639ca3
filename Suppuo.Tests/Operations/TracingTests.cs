using System.Collections.Concurrent;
using System.Diagnostics;
using Suppuo.Core.Operations;
using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Operations;

/// <summary>W25: one trace from a webhook to the commit that stored its message to the live push that followed.</summary>
public class TracingTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task W25_a_webhooks_trace_reaches_the_ingest_commit_and_the_live_push()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SuppuoTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());

        // The provider's side of the trace: a traceparent the webhook request carries, as a tracing proxy would send it.
        var trace = ActivityTraceId.CreateRandom();
        var form = number.InboundForm("+6281200000009", "traced");
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/whatsapp") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioWebhookSigner.Sign(number.AuthToken, TwilioNumbers.WebhookUrl, form));
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        Assert.True((await app.CreateClient().SendAsync(request)).IsSuccessStatusCode);

        bool InTrace(Activity span) => span.TraceId == trace || span.Links.Any(link => link.Context.TraceId == trace);
        await Eventually.WaitUntilAsync(() => spans.Any(s => s.OperationName == "suppuo.live.push" && InTrace(s)), "the live push span of the webhook's trace");
        Assert.Contains(spans, s => s.OperationName == "suppuo.ingest.commit" && InTrace(s));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == trace);
    }
}
