using System.Globalization;
using Bunit;
using Suppuo.Core.Common;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;
using Suppuo.Tests.Components;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Localization;

/// <summary>W24: the inbox and the ticket in the agent's language, with times in the workspace's zone (WIB).</summary>
public sealed class AgentUiLanguageTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>, IDisposable
{
    private readonly (CultureInfo Ui, CultureInfo Current) _before = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);

    /// <summary>What the request culture does for a circuit: the agent's language for everything rendered in it.</summary>
    private static void Speak(string language) =>
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);

    private async Task<(TestWorkspace Workspace, int TicketId, DateTime At)> TicketAsync()
    {
        var workspace = await App.CreateWorkspaceAsync();
        // Five minutes ago, to the minute: the inbox says "5 mnt", the thread shows the Jakarta clock.
        var at = DateTime.UtcNow.AddMinutes(-5);
        at = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc);
        var id = await App.WithDbAsync(async db =>
        {
            (await db.Workspaces.FindAsync(workspace.Id))!.TimeZone = "Asia/Jakarta";
            var ticket = new Ticket
            {
                WorkspaceId = workspace.Id, Subject = "Pesanan belum sampai", Channel = TicketChannel.WhatsApp, Status = TicketStatus.Open,
                RequesterPhone = "+6281234500001", StatusToken = StatusToken.New(), CreatedAt = at, UpdatedAt = at, LastMessageAt = at,
            };
            ticket.Messages.Add(new Message { Author = MessageAuthor.Requester, Body = "Sudah 5 hari", CreatedAt = at });
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
            return ticket.Id;
        });
        return (workspace, id, at);
    }

    [Fact]
    public async Task W24_the_inbox_speaks_indonesian_with_times_in_the_workspace_zone()
    {
        var (workspace, _, at) = await TicketAsync();
        Speak(Languages.Indonesian);
        SignInAs(workspace);

        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForElement("[data-testid=inbox-row]");

        Assert.Contains("Kotak masuk", inbox.Find("h5").TextContent);
        Assert.Contains("Terbuka", inbox.Find("[data-testid=tab-open]").TextContent);
        Assert.Contains("Menunggu", inbox.Find("[data-testid=tab-pending]").TextContent);
        Assert.Equal("Cari subjek, nama, nomor HP, email", inbox.Find("#inbox-search").GetAttribute("placeholder"));
        var row = inbox.Find("[data-testid=inbox-row]");
        Assert.Equal("terbuka", row.QuerySelector(".status-chip")!.TextContent.Trim());
        var when = row.QuerySelector(".when")!;
        Assert.Equal("5 mnt", when.TextContent.Trim());
        Assert.Equal(LocalTime.For("Asia/Jakarta", "id").Full(at), when.GetAttribute("title"));
        Assert.EndsWith("WIB", when.GetAttribute("title"));
    }

    [Fact]
    public async Task W24_the_ticket_speaks_indonesian_with_times_in_the_workspace_zone()
    {
        var (workspace, id, at) = await TicketAsync();
        Speak(Languages.Indonesian);
        SignInAs(workspace);

        var page = Bunit.Render<TicketView>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=thread]");

        Assert.Equal("terbuka", page.Find("[data-testid=ticket-status]").TextContent.Trim());
        Assert.Contains("Balas pelanggan", page.Find("[data-testid=reply-mode]").TextContent);
        Assert.Contains("Catatan internal", page.Find("[data-testid=reply-mode]").TextContent);
        Assert.Contains("Kirim balasan", page.Find("[data-testid=send]").TextContent);
        Assert.Contains("Pelanggan", page.Find("[data-testid=side-panel]").TextContent);
        var jakarta = TimeZoneInfo.ConvertTimeFromUtc(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        var when = page.Find("[data-testid=message] .when");
        Assert.Contains(jakarta.ToString("HH.mm", CultureInfo.InvariantCulture), when.TextContent);
        Assert.EndsWith("WIB", when.GetAttribute("title"));
        Assert.Contains("WIB", page.Find("[data-testid=side-panel]").TextContent); // "Dibuat 3 Des 2026 14.05 WIB"
    }

    [Fact]
    public async Task W24_an_english_agent_still_reads_english()
    {
        var (workspace, id, _) = await TicketAsync();
        Speak(Languages.English);
        SignInAs(workspace);

        var page = Bunit.Render<TicketView>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=thread]");

        Assert.Equal("open", page.Find("[data-testid=ticket-status]").TextContent.Trim());
        Assert.Contains("Reply to customer", page.Find("[data-testid=reply-mode]").TextContent);
        Assert.Contains("Requester", page.Find("[data-testid=side-panel]").TextContent);
    }

    [Fact]
    public async Task W24_an_agent_language_outside_the_supported_ones_is_refused_and_none_follows_the_workspace()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => App.SendAsync(new SetAgentLanguage(workspace.OwnerUserId, "fr")));
        Assert.Contains("en, id", refused.Errors["language"][0]);

        await App.SendAsync(new SetAgentLanguage(workspace.OwnerUserId, "id"));
        Assert.Equal("id", await App.SendAsync(new GetAgentLanguageChoice(workspace.OwnerUserId)));
        await App.SendAsync(new SetAgentLanguage(workspace.OwnerUserId, ""));
        Assert.Null(await App.SendAsync(new GetAgentLanguageChoice(workspace.OwnerUserId)));
    }

    public void Dispose() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = _before;
}
