using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Localization;

/// <summary>W24: before signing in, the account pages speak the browser's language — their labels, validation and refusals.</summary>
public partial class AccountPagesLanguageTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private async Task<string> PostLoginAsync(string acceptLanguage, string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var page = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task W24_sign_in_speaks_indonesian_to_an_indonesian_browser_labels_validation_and_refusal()
    {
        var empty = await PostLoginAsync("id-ID,id;q=0.9", "", "");
        Assert.Contains("<h1>Masuk</h1>", empty);
        Assert.Contains("Kata sandi", empty);
        Assert.Contains("Masukkan email Anda.", empty);
        Assert.Contains("Masukkan kata sandi Anda.", empty);

        var wrong = await PostLoginAsync("id-ID,id;q=0.9", "nobody@example.com", "Wrong-Passw0rd");
        Assert.Contains("Email dan kata sandi tersebut tidak cocok", wrong);
    }

    [Fact]
    public async Task W24_sign_in_stays_english_for_an_english_browser()
    {
        var empty = await PostLoginAsync("en-US,en;q=0.9", "", "");
        Assert.Contains("<h1>Sign in</h1>", empty);
        Assert.Contains("Enter your email.", empty);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
