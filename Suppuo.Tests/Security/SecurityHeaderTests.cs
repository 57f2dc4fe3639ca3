using System.Text.RegularExpressions;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Security;

/// <summary>W26: the headers every page and the status page are sent with.</summary>
public sealed partial class SecurityHeaderTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private HttpClient Client(string baseUrl) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseUrl), AllowAutoRedirect = false });

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    [Fact]
    public async Task W26_hsts_is_sent_on_https_and_not_on_http()
    {
        var overHttps = await Client("https://suppuo.example.com").GetAsync("/account/login");
        var overHttp = await Client("http://suppuo.example.com").GetAsync("/account/login");

        Assert.Contains("max-age=", Header(overHttps, "Strict-Transport-Security"));
        Assert.Equal("", Header(overHttp, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task W26_pages_have_a_content_security_policy_whose_nonce_is_on_the_import_map()
    {
        var response = await Client("https://suppuo.example.com").GetAsync("/account/login");
        var html = await response.Content.ReadAsStringAsync();

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("connect-src 'self' ws: wss:", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        var nonce = Assert.Single(NonceSource().Matches(policy)).Groups["nonce"].Value;
        // Every inline script of the page carries it: an importmap without it would be refused by the browser.
        var inlineScripts = InlineScript().Matches(html);
        Assert.NotEmpty(inlineScripts);
        Assert.All(inlineScripts, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task W26_the_status_page_sends_no_referrer_and_may_not_be_framed()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Parcel", body = "Where?", channel = "web", requesterName = "Siti" });

        var response = await Client("https://suppuo.example.com").GetAsync(new Uri(ticket.Str("statusUrl")).AbsolutePath);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [GeneratedRegex("script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceSource();

    /// <summary>Script elements without a src: inline code, which the policy allows only with the nonce.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
