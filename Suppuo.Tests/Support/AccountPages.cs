using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;

namespace Suppuo.Tests.Support;

/// <summary>
/// The account pages (sign-in, sign-up, links from account mail) as a browser without JavaScript uses them: plain GETs
/// and form posts with the antiforgery cookie and token, redirects not followed so a test sees where they lead.
/// </summary>
public sealed partial class AccountPages(SuppuoApp app)
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    /// <summary>Posts the form named <paramref name="formName"/>; the token comes from <paramref name="tokenFrom"/> (a page that has a form), default the page itself.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string formName, IReadOnlyDictionary<string, string> input, string? tokenFrom = null)
    {
        var page = await (await _client.GetAsync(tokenFrom ?? path)).Content.ReadAsStringAsync();
        var token = TokenField().Match(page);
        Assert.True(token.Success, $"{tokenFrom ?? path} has no antiforgery token");
        var fields = new Dictionary<string, string> { ["_handler"] = formName, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        foreach (var (name, value) in input)
            fields["Input." + name] = value;
        return await _client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostAsync("/account/login", "login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    public Task<HttpResponseMessage> SignUpAsync(string workspace, string email, string password = "Passw0rd!", string? tokenFrom = null) =>
        PostAsync("/signup", "signup", new Dictionary<string, string> { ["WorkspaceName"] = workspace, ["Name"] = "Sari", ["Email"] = email, ["Password"] = password }, tokenFrom);

    /// <summary>The text of the page's alert or status line, which is what a person reads as the answer.</summary>
    public static async Task<string> MessageOfAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var message = MessageLine().Match(html);
        Assert.True(message.Success, $"No message on the page ({(int)response.StatusCode}): {html[..Math.Min(html.Length, 2000)]}");
        return WebUtility.HtmlDecode(Regex.Replace(message.Groups[1].Value, "<[^>]+>", "")).Trim();
    }

    /// <summary>The mails written to the pickup folder (no SMTP in tests) that went to <paramref name="address"/>.</summary>
    public static IReadOnlyList<MimeMessage> MailsTo(SuppuoApp app, string address)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>The path and query of the link to <paramref name="path"/> in a mail, as the person would click it.</summary>
    public static string LinkIn(MimeMessage mail, string path)
    {
        var link = Regex.Match(mail.TextBody ?? "", Regex.Escape(SuppuoApp.PublicBaseUrl + path) + @"\S*");
        Assert.True(link.Success, $"No link to {path} in: {mail.TextBody}");
        return link.Value[SuppuoApp.PublicBaseUrl.Length..];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<p[^>]*role=\"(?:alert|status)\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex MessageLine();
}
