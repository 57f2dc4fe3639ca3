using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Localization;

/// <summary>
/// W24: everything a customer reads — status page, mails, default auto-reply and rating texts, refusals — is in the
/// workspace's language, with times in its zone, whatever the customer's browser prefers.
/// </summary>
public partial class CustomerLanguageTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    // 07:05 UTC is 14.05 in Jakarta (WIB, UTC+7) and 15.05 in Makassar (WITA, UTC+8).
    private static readonly DateTime MessageAt = new(2026, 12, 3, 7, 5, 0, DateTimeKind.Utc);

    private static Task SetAsync(TestWorkspace workspace, string language, string timeZone) =>
        workspace.Api.PutAsJsonAsync("/api/v1/settings/workspace", new { name = "Toko Budi", language, timeZone, readReceipts = "off" })
            .ContinueWith(put => Assert.True(put.Result.IsSuccessStatusCode, put.Result.Content.ReadAsStringAsync().Result));

    private async Task<(int Id, string StatusUrl)> TicketWithMessageAtAsync(TestWorkspace workspace, string? requesterEmail = null)
    {
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Paket belum sampai", channel = "web", body = "Pesananku belum sampai", requesterName = "Siti", requesterEmail });
        var id = ticket.Int("id");
        await app.WithDbAsync(db => db.Messages.Where(m => m.TicketId == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, MessageAt)));
        return (id, ticket.Str("statusUrl"));
    }

    private async Task<string> ReadStatusPageAsync(string statusUrl, string acceptLanguage)
    {
        var client = StatusPageClient.For(app, statusUrl);
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        // Read as the customer reads it: Blazor writes "—" and "+" as character references.
        return WebUtility.HtmlDecode(await client.ReadAsync());
    }

    [Fact]
    public async Task W24_an_Indonesian_workspace_s_status_page_is_Indonesian_with_WIB_times_whatever_the_browser_asks()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var (id, statusUrl) = await TicketWithMessageAtAsync(workspace);

        var html = await ReadStatusPageAsync(statusUrl, "en-US,en;q=0.9");

        Assert.Equal("id", HtmlLang(html));
        Assert.Contains($"Permintaan #{id}", html);
        Assert.Contains("Sedang kami tangani", html); // the state, in words a customer reads
        Assert.Contains("3 Des 2026 14.05 WIB", html);
        Assert.Contains("Kirim balasan", html);
        Assert.Contains("Pesan Anda", html);
        Assert.DoesNotContain("Send reply", html);
        Assert.DoesNotContain(" UTC", html);
    }

    [Fact]
    public async Task W24_an_English_workspace_s_status_page_stays_English_for_an_Indonesian_browser()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (id, statusUrl) = await TicketWithMessageAtAsync(workspace);

        var html = await ReadStatusPageAsync(statusUrl, "id-ID,id;q=0.9");

        Assert.Equal("en", HtmlLang(html));
        Assert.Contains($"Request #{id}", html);
        Assert.Contains("Open — we are on it", html);
        Assert.Contains("Send reply", html);
        Assert.Contains("3 Dec 2026 14:05 WIB", html); // the default zone is Jakarta's
    }

    [Fact]
    public async Task W24_a_workspace_switched_from_id_to_en_and_to_another_zone_shows_the_same_message_at_the_new_local_time()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var (_, statusUrl) = await TicketWithMessageAtAsync(workspace);
        Assert.Contains("3 Des 2026 14.05 WIB", await ReadStatusPageAsync(statusUrl, "id"));

        await SetAsync(workspace, "en", "Asia/Makassar");
        var english = await ReadStatusPageAsync(statusUrl, "id");
        Assert.Equal("en", HtmlLang(english));
        Assert.Contains("3 Dec 2026 15:05 WITA", english);
        Assert.DoesNotContain(" WIB", english); // with the space: a status token may hold the letters

        // A zone abroad, in winter: Berlin is UTC+1 that day.
        await SetAsync(workspace, "en", "Europe/Berlin");
        Assert.Contains("3 Dec 2026 08:05 UTC+1", await ReadStatusPageAsync(statusUrl, "id"));
    }

    [Fact]
    public async Task W24_the_status_page_refuses_a_file_and_an_empty_reply_in_the_workspace_s_language()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var (_, statusUrl) = await TicketWithMessageAtAsync(workspace);
        var customer = StatusPageClient.For(app, statusUrl);

        var (_, refused) = await customer.ReplyAsync("lihat lampiran", ("setup.exe", "application/octet-stream", "MZ\u0090\0"u8.ToArray()));
        Assert.Contains("tidak dapat dikirim", refused);

        var (_, empty) = await customer.ReplyAsync("");
        Assert.Contains("Silakan tulis pesan atau lampirkan berkas.", empty);
    }

    [Fact]
    public async Task W24_a_file_over_the_limit_is_refused_on_a_page_in_the_workspace_s_language()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var (_, statusUrl) = await TicketWithMessageAtAsync(workspace);

        var (status, html) = await StatusPageClient.For(app, statusUrl).ReplyAsync("foto", ("besar.jpg", "image/jpeg", new byte[11 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("id", HtmlLang(html));
        Assert.Contains("Ukuran berkas maksimal 10 MB", html);
    }

    [Fact]
    public async Task W24_placeholders_of_what_a_customer_sent_read_in_the_workspace_s_language_on_their_status_page()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var (id, statusUrl) = await TicketWithMessageAtAsync(workspace);
        await app.WithDbAsync(async db =>
        {
            db.Messages.Add(new Message { TicketId = id, Author = MessageAuthor.Requester, Body = "[location: Toko Budi, -6.2, 106.8]\n[attachment: foto-1.jpg]", CreatedAt = MessageAt });
            db.Messages.Add(new Message { TicketId = id, Author = MessageAuthor.Requester, Body = "[order: 2 item(s)] kirim cepat ya", CreatedAt = MessageAt });
            return await db.SaveChangesAsync();
        });

        var html = await ReadStatusPageAsync(statusUrl, "en");

        Assert.Contains("[lokasi: Toko Budi, -6.2, 106.8]", html);
        Assert.Contains("[lampiran: foto-1.jpg]", html);
        Assert.Contains("[pesanan: 2 barang] kirim cepat ya", html);
        // The record agents and the API read keeps Suppuo's own notation.
        Assert.Contains(await app.WithDbAsync(db => db.Messages.Where(m => m.TicketId == id).Select(m => m.Body).ToListAsync()), b => b.StartsWith("[location: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task W24_an_Indonesian_workspace_s_customer_mail_is_Indonesian_with_a_WIB_time_and_says_its_language()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var address = $"siti-{Guid.NewGuid():N}@pelanggan.example";
        var (id, statusUrl) = await TicketWithMessageAtAsync(workspace, address);
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Paketnya sudah kami kirim ulang, Kak.", @internal = false });

        var acknowledgement = await EmlAsync($"To: Siti <{address}>", "Subject: Permintaan Anda");
        Assert.Contains("Content-Language: id", acknowledgement);
        Assert.Contains($"Subject: Permintaan Anda sudah kami terima: Paket belum sampai [#{id}]", acknowledgement);
        Assert.Contains("Halo Kak Siti,", acknowledgement);
        Assert.Matches(ReceivedAtWib(), acknowledgement);
        Assert.Contains($"Pantau permintaan Anda dan balas di sini: {statusUrl}", acknowledgement);

        var reply = await EmlAsync($"To: Siti <{address}>", "Paketnya sudah kami kirim ulang");
        Assert.Contains("Content-Language: id", reply);
        Assert.DoesNotContain("Follow your request", reply);
    }

    [Fact]
    public async Task W24_an_English_workspace_s_mail_is_unchanged_and_says_en()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var address = $"maria-{Guid.NewGuid():N}@customer.example";
        var (id, _) = await TicketWithMessageAtAsync(workspace, address);

        var acknowledgement = await EmlAsync($"To: Siti <{address}>");
        Assert.Contains("Content-Language: en", acknowledgement);
        Assert.Contains($"Subject: We received your request: Paket belum sampai [#{id}]", acknowledgement);
        Assert.Contains("Hello Siti,", acknowledgement);
        Assert.Matches(@"on \d{1,2} \w{3} \d{4} \d{2}:\d{2} WIB", acknowledgement);
    }

    [Fact]
    public async Task W24_a_default_auto_reply_follows_the_workspace_language_while_a_customised_one_stays()
    {
        var following = await app.CreateWorkspaceAsync();
        // Saved unchanged from the page's suggestion: stored as "default", not as a copy of the English text.
        var suggested = (await following.Api.GetJsonAsync("/api/v1/settings/auto-reply")).Str("text");
        await following.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = suggested });
        var customised = await app.CreateWorkspaceAsync();
        await customised.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Thanks {{requester.name}}, we got #{{ticket.id}}" });

        await SetAsync(following, "id", "Asia/Jakarta");
        await SetAsync(customised, "id", "Asia/Jakarta");

        Assert.StartsWith("Halo Kak, terima kasih sudah menghubungi kami!", (await following.Api.GetJsonAsync("/api/v1/settings/auto-reply")).Str("text"));
        var followingTicket = await TicketWithMessageAtAsync(following);
        Assert.StartsWith($"Halo Kak, terima kasih sudah menghubungi kami! Permintaan Anda #{followingTicket.Id} sudah kami terima",
            await AutomationMessageAsync(following, followingTicket.Id));
        var customisedTicket = await TicketWithMessageAtAsync(customised);
        Assert.Equal($"Thanks Siti, we got #{customisedTicket.Id}", await AutomationMessageAsync(customised, customisedTicket.Id));

        // And back: the default speaks English again.
        await SetAsync(following, "en", "Asia/Jakarta");
        var english = await TicketWithMessageAtAsync(following);
        Assert.StartsWith("Thanks for contacting us!", await AutomationMessageAsync(following, english.Id));
    }

    [Fact]
    public async Task W24_an_admin_s_reset_brings_the_default_back_in_the_workspace_language()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Teks kami sendiri" });

        var reset = await app.SendAsync(new Suppuo.Core.Automation.UpdateAutoReply(workspace.Id, true, null)
        {
            By = Suppuo.Core.Workspaces.Actor.User(workspace.OwnerUserId),
            ResetToDefault = true,
        });

        Assert.True(reset.IsDefault);
        Assert.StartsWith("Halo Kak", reset.Text);
        Assert.Null(await app.WithDbAsync(db => db.AutoReplySettings.Where(s => s.WorkspaceId == workspace.Id).Select(s => s.Text).SingleAsync()));
    }

    [Fact]
    public async Task W24_the_rating_request_is_in_the_workspace_language_and_asked_once()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await SetAsync(workspace, "id", "Asia/Jakarta");
        var (id, statusUrl) = await TicketWithMessageAtAsync(workspace);

        await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"status":"resolved"}"""));
        await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"status":"open"}"""));
        await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"status":"resolved"}"""));

        var asked = await AutomationMessagesAsync(workspace, id);
        Assert.Equal($"Bagaimana pelayanan kami? Mohon beri nilai 1 sampai 5 untuk bantuan kami ya, Kak: {statusUrl}", Assert.Single(asked));
        var page = await ReadStatusPageAsync(statusUrl, "en");
        Assert.Contains("Kirim penilaian", page);
        Assert.Contains("Selesai", page);
    }

    private async Task<List<string>> AutomationMessagesAsync(TestWorkspace workspace, int ticketId) =>
        (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["messages"]!.AsArray()
            .Where(m => m.Str("author") == "automation").Select(m => m.Str("body")).ToList();

    private async Task<string> AutomationMessageAsync(TestWorkspace workspace, int ticketId) =>
        Assert.Single(await Eventually.UntilAsync(async () =>
        {
            var messages = await AutomationMessagesAsync(workspace, ticketId);
            return messages.Count > 0 ? messages : null;
        }, $"the auto-reply on ticket {ticketId}"));

    private async Task<string> EmlAsync(params string[] containing)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        var file = await Eventually.UntilAsync(async () =>
        {
            if (!Directory.Exists(folder))
                return null;
            foreach (var path in Directory.GetFiles(folder, "*.eml"))
            {
                var text = await File.ReadAllTextAsync(path);
                if (containing.All(c => text.Contains(c, StringComparison.Ordinal)))
                    return text;
            }
            return null;
        }, $"an .eml file containing {string.Join(" and ", containing)}");
        return file;
    }

    private static string HtmlLang(string page) => HtmlLangAttribute().Match(page).Groups[1].Value;

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLangAttribute();

    [GeneratedRegex(@"sudah kami terima pada \d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB")]
    private static partial Regex ReceivedAtWib();
}
