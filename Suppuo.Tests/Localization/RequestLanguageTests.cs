using System.Text.RegularExpressions;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Localization;

/// <summary>W24: which language a page (and the circuit it opens) speaks.</summary>
public partial class RequestLanguageTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Theory]
    [InlineData("id-ID,id;q=0.9,en;q=0.8", "id")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("fr-FR,fr;q=0.9", "en")]
    public async Task W24_before_signing_in_a_page_speaks_the_browser_language_when_we_have_it(string acceptLanguage, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var page = await (await app.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Equal(expected, HtmlLang(page));
    }

    [Theory]
    [InlineData(null, "id")] // the workspace's, though the browser asks for English
    [InlineData("en", "en")] // the agent's own choice wins
    public async Task W24_a_signed_in_agent_reads_their_own_language_else_the_workspace_one(string? agentLanguage, string expected)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await app.WithDbAsync(async db =>
        {
            (await db.Workspaces.FindAsync(workspace.Id))!.Language = Languages.Indonesian;
            (await db.Users.FindAsync(workspace.OwnerUserId))!.Language = agentLanguage;
            return await db.SaveChangesAsync();
        });
        var pages = new AccountPages(app);
        await pages.SignInAsync(workspace.OwnerEmail, "Passw0rd!");

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", "en-US,en;q=0.9");
        var page = await (await pages.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Equal(expected, HtmlLang(page));
    }

    private static string HtmlLang(string page) => HtmlLangAttribute().Match(page).Groups[1].Value;

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLangAttribute();
}
