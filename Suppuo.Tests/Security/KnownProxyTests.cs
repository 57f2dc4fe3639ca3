using System.Net;
using System.Text.RegularExpressions;
using Suppuo.Tests.Scale;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Security;

/// <summary>The app on Kestrel behind a TLS proxy on loopback: the tests' own client is that proxy.</summary>
public sealed class BehindKnownProxyApp : SuppuoAppOnKestrel
{
    public BehindKnownProxyApp()
    {
        WithSetting("Suppuo:ForwardedHeaders:KnownProxies", "10.1.2.3, 127.0.0.1");
        WithSetting("Suppuo:RateLimits:Enabled", "true");
        WithSetting("Suppuo:RateLimits:Signup:PermitLimit", "1");
        WithSetting("Suppuo:RateLimits:Signup:Window", "01:00:00");
    }
}

/// <summary>The app on Kestrel trusting another proxy only: the tests' client is just anyone.</summary>
public sealed class BehindOtherProxyApp : SuppuoAppOnKestrel
{
    public BehindOtherProxyApp() => WithSetting("Suppuo:ForwardedHeaders:KnownProxies", "10.1.2.3");
}

/// <summary>A browser talking to the app through a proxy that adds X-Forwarded-*: cookies carried by hand, since a Secure cookie never goes back over http.</summary>
internal static partial class ProxiedForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(Uri baseUrl, string path, (string Name, string Value)[] forwarded, params (string Name, string Value)[] fields)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var get = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in forwarded)
            get.Headers.Add(name, value);
        var page = await http.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        var posted = HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        posted.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(posted) };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []));
        post.Headers.Accept.ParseAdd("text/html");
        foreach (var (name, value) in forwarded)
            post.Headers.Add(name, value);
        return await http.SendAsync(post);
    }

    public static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)) : null;

    [GeneratedRegex(""""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"""")]
    private static partial Regex HiddenInput();
}

public sealed class KnownProxyTests(BehindKnownProxyApp app) : IClassFixture<BehindKnownProxyApp>
{
    [Fact]
    public async Task W26_behind_a_known_tls_proxy_the_sign_in_cookie_is_secure()
    {
        var baseUrl = app.BaseUrl;
        var workspace = await app.CreateWorkspaceAsync();

        var signedIn = await ProxiedForms.PostFormAsync(baseUrl, "/account/login", [("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7")],
            ("Input.Email", workspace.OwnerEmail), ("Input.Password", "Passw0rd!"));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = ProxiedForms.AuthCookie(signedIn);
        Assert.NotNull(cookie);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task W26_behind_a_known_proxy_rate_limits_count_the_real_client_address()
    {
        var baseUrl = app.BaseUrl;
        (string, string)[] Client(string address) => [("X-Forwarded-Proto", "https"), ("X-Forwarded-For", address)];
        (string, string)[] SignupFields() => [("Input.WorkspaceName", "Toko"), ("Input.Email", $"s-{Guid.NewGuid():N}@example.test"), ("Input.Password", "Passw0rd!23")];

        await ProxiedForms.PostFormAsync(baseUrl, "/signup", Client("198.51.100.1"), SignupFields());
        var again = await ProxiedForms.PostFormAsync(baseUrl, "/signup", Client("198.51.100.1"), SignupFields());
        var someoneElse = await ProxiedForms.PostFormAsync(baseUrl, "/signup", Client("198.51.100.2"), SignupFields());

        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, someoneElse.StatusCode);
    }
}

public sealed class UnknownProxyTests(BehindOtherProxyApp app) : IClassFixture<BehindOtherProxyApp>
{
    [Fact]
    public async Task W26_forwarded_headers_from_an_unknown_address_are_ignored()
    {
        var baseUrl = app.BaseUrl;
        var workspace = await app.CreateWorkspaceAsync();

        var signedIn = await ProxiedForms.PostFormAsync(baseUrl, "/account/login", [("X-Forwarded-Proto", "https")],
            ("Input.Email", workspace.OwnerEmail), ("Input.Password", "Passw0rd!"));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = ProxiedForms.AuthCookie(signedIn);
        Assert.NotNull(cookie);
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
