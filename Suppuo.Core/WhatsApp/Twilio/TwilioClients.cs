using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;

namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>
/// One Twilio REST client per workspace credentials (never the SDK's static global client: tenants must not share
/// credentials), all sharing one connection pool. Calls go to Suppuo:Twilio:ApiBaseUrl.
/// </summary>
public sealed class TwilioClients : IDisposable
{
    private readonly System.Net.Http.HttpClient _http;
    private readonly SystemNetHttpClient _sdkHttp;

    public TwilioClients(IOptions<SuppuoOptions> options)
    {
        var baseUrl = new Uri(options.Value.Twilio.ApiBaseUrl);
        HttpMessageHandler handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (baseUrl != new Uri(SuppuoOptions.TwilioOptions.DefaultApiBaseUrl))
            handler = new BaseUrlRewriter(baseUrl) { InnerHandler = handler };
        _http = new System.Net.Http.HttpClient(handler) { Timeout = options.Value.Twilio.Timeout };
        _sdkHttp = new SystemNetHttpClient(_http);
    }

    public ITwilioRestClient For(string accountSid, string authToken) => new TwilioRestClient(accountSid, authToken, httpClient: _sdkHttp);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The SDK hard-codes https://{api,messaging}.twilio.com; send the same path to the configured base instead and
    /// keep the original host in a header so a fake can tell the APIs apart.
    /// </summary>
    private sealed class BaseUrlRewriter(Uri baseUrl) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            request.Headers.TryAddWithoutValidation("X-Twilio-Host", original.Host);
            request.RequestUri = new UriBuilder(original) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
