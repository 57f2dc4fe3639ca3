using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Suppuo.Tests.Support;

/// <summary>
/// A customer with a browser that runs no script: reads the status page and posts its reply form as a plain HTML form
/// would, with the hidden fields (antiforgery token, form name) the page rendered, and the antiforgery cookie.
/// </summary>
public sealed partial class StatusPageClient(HttpClient http, string statusPath)
{
    public HttpClient Http { get; } = http;

    public static StatusPageClient For(SuppuoApp app, string statusUrl) =>
        new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true }),
            new Uri(statusUrl).AbsolutePath);

    public async Task<string> ReadAsync()
    {
        var response = await Http.GetAsync(statusPath);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {statusPath} answered {(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>
    /// Fills in the reply form and submits it; the answer is the page the browser ends on. <paramref name="formPage"/>
    /// is a page read earlier, as a tab left open would still show it.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Html)> ReplyAsync(string body, (string Name, string Type, byte[] Bytes)? file = null, string? formPage = null)
    {
        var page = formPage ?? await ReadAsync();
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in HiddenFields(page, "reply-form"))
            form.Add(new StringContent(value), name);
        form.Add(new StringContent(body), "Input.Body");
        if (file is { } f)
        {
            var content = new ByteArrayContent(f.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(f.Type);
            form.Add(content, "file", f.Name);
        }
        var response = await Http.PostAsync(statusPath, form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the rating form (CSAT) of the page as it is now; the answer is the page the browser ends on.</summary>
    public async Task<(HttpStatusCode Status, string Html)> RateAsync(int rating, string? comment)
    {
        var page = await ReadAsync();
        var fields = HiddenFields(page, "csat-form").Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        fields.Add(new("Rate.Rating", rating.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fields.Add(new("Rate.Comment", comment ?? ""));
        var response = await Http.PostAsync(statusPath, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The hidden fields (antiforgery token, form name) of one form of the page, as the browser would send them.</summary>
    private static IEnumerable<(string Name, string Value)> HiddenFields(string page, string formTestId)
    {
        var marker = page.IndexOf($"data-testid=\"{formTestId}\"", StringComparison.Ordinal);
        Assert.True(marker >= 0, $"The page has no form '{formTestId}'.");
        var start = page.LastIndexOf("<form", marker, StringComparison.Ordinal);
        var end = page.IndexOf("</form>", marker, StringComparison.Ordinal);
        return HiddenInput().Matches(page[start..end]).Select(m => (m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value)));
    }

    public static IReadOnlyList<string> AttachmentLinks(string html) =>
        AttachmentLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct().ToList();

    [GeneratedRegex(""""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex(""""href="(?<url>status/[^"]+/attachments/\d+)"""")]
    private static partial Regex AttachmentLink();
}
