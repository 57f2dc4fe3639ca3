using System.Net;
using System.Text.RegularExpressions;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Security;

/// <summary>The app with small rate limits (W26), so that a test reaches each one in a few requests.</summary>
public sealed class RateLimitedApp : SuppuoApp
{
    public RateLimitedApp()
    {
        WithSetting("Suppuo:RateLimits:Enabled", "true");
        WithSetting("Suppuo:RateLimits:SignIn:PermitLimit", "3");
        WithSetting("Suppuo:RateLimits:SignIn:Window", "01:00:00");
        WithSetting("Suppuo:RateLimits:Signup:PermitLimit", "2");
        WithSetting("Suppuo:RateLimits:Signup:Window", "01:00:00");
        WithSetting("Suppuo:RateLimits:StatusPage:PermitLimit", "2");
        WithSetting("Suppuo:RateLimits:StatusPage:Window", "01:00:00");
        WithSetting("Suppuo:RateLimits:WebhookSignatureFailures:PermitLimit", "3");
        WithSetting("Suppuo:RateLimits:WebhookSignatureFailures:Window", "01:00:00");
    }
}

/// <summary>The same tiny limits, switched off: nothing may be limited.</summary>
public sealed class RateLimitsOffApp : SuppuoApp
{
    public RateLimitsOffApp()
    {
        WithSetting("Suppuo:RateLimits:Enabled", "false");
        WithSetting("Suppuo:RateLimits:SignIn:PermitLimit", "1");
        WithSetting("Suppuo:RateLimits:Signup:PermitLimit", "1");
        WithSetting("Suppuo:RateLimits:StatusPage:PermitLimit", "1");
        WithSetting("Suppuo:RateLimits:WebhookSignatureFailures:PermitLimit", "1");
    }
}

/// <summary>Forms posted as a browser without script posts them: with the hidden fields (antiforgery, form name) the page rendered.</summary>
internal static partial class AccountForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, params (string Name, string Value)[] fields)
    {
        var page = await (await http.GetAsync(path)).Content.ReadAsStringAsync();
        var posted = HiddenInput().Matches(page).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        posted.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(posted) };
        request.Headers.Accept.ParseAdd("text/html");
        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient http, string email, string password) =>
        PostFormAsync(http, "/account/login", ("Input.Email", email), ("Input.Password", password));

    public static Task<HttpResponseMessage> SignUpAsync(HttpClient http, string email) =>
        PostFormAsync(http, "/signup", ("Input.WorkspaceName", "Toko " + email), ("Input.Name", "Budi"), ("Input.Email", email), ("Input.Password", "Passw0rd!23"));

    public static void AssertTooManyRequests(HttpResponseMessage response, string body)
    {
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"expected 429, got {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "429 without a Retry-After in seconds");
    }

    [GeneratedRegex(""""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"""")]
    private static partial Regex HiddenInput();
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private static HttpClient Browser(SuppuoApp app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task W26_sign_in_is_limited_per_account_so_a_second_agent_behind_the_same_address_still_signs_in()
    {
        var guessed = await app.CreateWorkspaceAsync();
        var colleague = await app.CreateWorkspaceAsync();
        var attacker = Browser(app);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await AccountForms.SignInAsync(attacker, guessed.OwnerEmail, "wrong-" + i)).StatusCode);

        var limited = await AccountForms.SignInAsync(attacker, guessed.OwnerEmail.ToUpperInvariant(), "wrong-again");
        AccountForms.AssertTooManyRequests(limited, await limited.Content.ReadAsStringAsync());
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());

        // The same address, another account: not throttled with the first.
        var signedIn = await AccountForms.SignInAsync(Browser(app), colleague.OwnerEmail, "Passw0rd!");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task W26_sign_up_is_limited_per_address()
    {
        var client = Browser(app);
        // Two posts (whatever their outcome) use up this address's sign-ups.
        await AccountForms.SignUpAsync(client, $"a-{Guid.NewGuid():N}@example.test");
        await AccountForms.SignUpAsync(client, $"b-{Guid.NewGuid():N}@example.test");

        var limited = await AccountForms.SignUpAsync(Browser(app), $"c-{Guid.NewGuid():N}@example.test");

        AccountForms.AssertTooManyRequests(limited, await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task W26_status_page_posts_are_limited_per_token_and_address_while_reading_the_page_is_not()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var first = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Parcel", body = "Where?", channel = "web", requesterName = "Siti" });
        var second = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Refund", body = "When?", channel = "web", requesterName = "Siti" });
        var customer = StatusPageClient.For(app, first.Str("statusUrl"));
        Assert.Equal(HttpStatusCode.OK, (await customer.ReplyAsync("one")).Status);
        Assert.Equal(HttpStatusCode.OK, (await customer.ReplyAsync("two")).Status);

        var limited = await customer.ReplyAsync("three");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("Too many attempts", limited.Html);
        await customer.ReadAsync(); // reading is never limited
        Assert.Equal(HttpStatusCode.OK, (await StatusPageClient.For(app, second.Str("statusUrl")).ReplyAsync("another ticket")).Status);
    }

    [Fact]
    public async Task W26_bad_webhook_signatures_are_limited_per_address_but_correctly_signed_webhooks_still_pass()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        for (var i = 0; i < 3; i++)
            await (await app.PostWebhookAsync(number, number.InboundForm("+6281234567890", "forged"), signingToken: "forged-token")).AssertProblemAsync(403);

        var limited = await app.PostWebhookAsync(number, number.InboundForm("+6281234567890", "forged"), signingToken: "forged-token");
        var problem = await limited.AssertProblemAsync(429);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 });
        Assert.Contains("Too many attempts", problem.Str("detail"));

        // The provider's own traffic from the same address is never limited.
        for (var i = 0; i < 20; i++)
            await app.SendWhatsAppAsync(number, "+6281234567890", $"genuine {i}");
    }
}

public sealed class RateLimitsOffTests(RateLimitsOffApp app) : IClassFixture<RateLimitsOffApp>
{
    [Fact]
    public async Task W26_with_rate_limits_disabled_nothing_is_limited()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var number = await app.ConnectTwilioAsync(workspace);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Parcel", body = "Where?", channel = "web", requesterName = "Siti" });
        var customer = StatusPageClient.For(app, ticket.Str("statusUrl"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AccountForms.SignInAsync(client, workspace.OwnerEmail, "wrong")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await AccountForms.SignUpAsync(client, $"x{i}-{Guid.NewGuid():N}@example.test")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await customer.ReplyAsync($"reply {i}")).Status);
            await (await app.PostWebhookAsync(number, number.InboundForm("+6281234567890", "forged"), signingToken: "forged-token")).AssertProblemAsync(403);
        }
    }
}
