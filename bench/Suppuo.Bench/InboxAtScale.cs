using System.Diagnostics;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;

namespace Suppuo.Bench;

/// <summary>
/// The inbox with a big workspace: seeds N tickets (and M messages each, one ticket with 500), then times the
/// inbox's queries alone and, with the real app started on that data, the inbox page over HTTP and in Chromium.
/// </summary>
internal static class InboxAtScale
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = Args.Number(args, "--tickets", 100_000);
        var messagesPerTicket = Args.Number(args, "--messages", 10);
        var dataDirectory = Args.Text(args, "--keep") ?? Directory.CreateTempSubdirectory("suppuo-bench-").FullName;
        Console.WriteLine($"Inbox at scale: {tickets:N0} tickets, {messagesPerTicket} messages each, data in {dataDirectory}");

        await using var services = BenchServices.Build(dataDirectory);
        var (workspaceId, userId, bigTicket) = await SeedAsync(services, tickets, messagesPerTicket);

        // The seed writes tickets as a bulk import would, so the search index starts behind them: measured first in that
        // state (an upgrade adding the index, an import, a stalled indexer), then caught up as the app's indexer does
        // before the app has run a minute, which is the state every other figure is about.
        if (await SearchIndexLagAsync(services) is > 0 and var lag)
        {
            Console.WriteLine($"\nSearch with the index {lag:N0} tickets behind (Core, 20 runs each):");
            await Query(services, "search 'budi' (1 in 8 tickets), index behind", new SearchInbox(workspaceId, userId, null, Search: "budi"), runs: 20);
            await Query(services, "search 'budi', pending tab, index behind", new SearchInbox(workspaceId, userId, TicketStatus.Pending, Search: "budi"), runs: 20);
            var indexing = Stopwatch.StartNew();
            var job = services.GetRequiredService<IndexNewTickets>();
            while (await job.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
            Console.WriteLine($"search index caught up in {indexing.Elapsed.TotalSeconds:F1} s");
        }

        Console.WriteLine("\nQueries alone (Core, through MediatR, fresh DbContext per call, search index complete):");
        await Query(services, "inbox first page (open tab)", new SearchInbox(workspaceId, userId, TicketStatus.Open));
        await Query(services, "status tab switch (pending)", new SearchInbox(workspaceId, userId, TicketStatus.Pending));
        await Query(services, "all tickets, assigned to me", new SearchInbox(workspaceId, userId, null, null, AssigneeFilter.Me));
        await Query(services, "search 'budi' (1 in 8 tickets)", new SearchInbox(workspaceId, userId, null, Search: "budi"));
        await Query(services, "search 'budi', pending tab (none there)", new SearchInbox(workspaceId, userId, TicketStatus.Pending, Search: "budi"));
        await Query(services, "search a phone number's digits", new SearchInbox(workspaceId, userId, null, Search: "8120004242"));
        await Query(services, "ticket with 500 messages (page: latest 50)", new OpenTicket(workspaceId, bigTicket));

        await PagesAsync(dataDirectory, bigTicket);
        return 0;
    }

    internal static async Task<(int WorkspaceId, string UserId, int BigTicket)> SeedAsync(ServiceProvider services, int tickets, int messagesPerTicket)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        await SqliteSetup.MigrateAsync(db);
        if (await db.Users.SingleOrDefaultAsync(u => u.Email == PublishedApp.Email) is { } existing)
        {
            Console.WriteLine("Reusing the seeded data.");
            var big = await db.Tickets.Where(t => t.WorkspaceId == existing.WorkspaceId && t.Subject == "Ticket with 500 messages").Select(t => t.Id).FirstAsync();
            return (existing.WorkspaceId, existing.Id, big);
        }

        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateWorkspace("Bench", PublishedApp.Email, PublishedApp.Password));
        var watch = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var names = new[] { "Budi Santoso", "Siti Rahma", "Agus", "Maria Chen", "Dewi", "Rudi", "Lena Hartono", "Joko" };
        var start = DateTime.UtcNow.AddDays(-365);
        var statuses = Enum.GetValues<TicketStatus>();
        const int batch = 5_000;
        for (var done = 0; done < tickets; done += batch)
        {
            for (var i = done; i < Math.Min(tickets, done + batch); i++)
            {
                var at = start.AddSeconds(i * (365.0 * 86400 / tickets));
                var ticket = new Ticket
                {
                    WorkspaceId = created.WorkspaceId, Subject = $"Pesanan {i} belum sampai", Channel = (TicketChannel)(i % 3), Status = statuses[i % 4],
                    RequesterName = names[i % names.Length], RequesterPhone = $"+62812{i:D8}", StatusToken = StatusToken.New(),
                    AssigneeId = i % 5 == 0 ? created.OwnerUserId : null, CreatedAt = at, UpdatedAt = at, LastMessageAt = at,
                };
                for (var m = 0; m < messagesPerTicket; m++)
                    ticket.Messages.Add(new Message { Author = m % 2 == 0 ? MessageAuthor.Requester : MessageAuthor.Agent, Body = $"Pesan {m} untuk tiket {i}", CreatedAt = at.AddSeconds(m) });
                db.Tickets.Add(ticket);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Console.Write($"\rseeded {Math.Min(tickets, done + batch):N0} tickets");
        }
        var bigTicket = new Ticket
        {
            WorkspaceId = created.WorkspaceId, Subject = "Ticket with 500 messages", Channel = TicketChannel.WhatsApp, RequesterPhone = "+6289999999999",
            StatusToken = StatusToken.New(), CreatedAt = start, UpdatedAt = start, LastMessageAt = start,
        };
        for (var m = 0; m < 500; m++)
            bigTicket.Messages.Add(new Message { Author = m % 2 == 0 ? MessageAuthor.Requester : MessageAuthor.Agent, Body = $"Pesan panjang nomor {m}", CreatedAt = start.AddSeconds(m) });
        db.Tickets.Add(bigTicket);
        await db.SaveChangesAsync();
        Console.WriteLine($"\rseeded {tickets:N0} tickets and {tickets * messagesPerTicket + 500:N0} messages in {watch.Elapsed.TotalSeconds:F0} s");
        return (created.WorkspaceId, created.OwnerUserId, bigTicket.Id);
    }

    /// <summary>How many tickets the search index has yet to take in.</summary>
    private static async Task<long> SearchIndexLagAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SuppuoDbContext>();
        return await db.Database.SqlQuery<long>($"SELECT (SELECT COALESCE(MAX(Id), 0) FROM Tickets) - IndexedUpTo AS Value FROM TicketSearchProgress").SingleAsync();
    }

    private static Task Query<T>(ServiceProvider services, string name, IRequest<T> request, int runs = 50) =>
        Stats.TimeAsync(name, runs, async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        });

    /// <summary>The real app on this data: the inbox page as prerendered HTML, and in Chromium until its rows show.</summary>
    private static async Task PagesAsync(string dataDirectory, int bigTicket)
    {
        await using var app = await PublishedApp.StartAsync(dataDirectory, 5391);
        using var http = await app.SignedInClientAsync();
        Console.WriteLine("\nPages over HTTP (server prerender, signed in):");
        await Stats.TimeAsync("GET / (inbox, open tab)", 30, async () => (await http.GetAsync("/")).EnsureSuccessStatusCode());
        await Stats.TimeAsync($"GET /tickets/{bigTicket} (500 messages)", 30, async () => (await http.GetAsync($"/tickets/{bigTicket}")).EnsureSuccessStatusCode());

        if (await PublishedApp.LaunchChromiumAsync() is not var (playwright, browser))
            return;
        using var _ = playwright;
        await using var __ = browser;
        var page = await (await app.SignedInContextAsync(browser)).NewPageAsync();

        Console.WriteLine("\nPages in Chromium (navigation until the rows show and the circuit is interactive):");
        await Stats.TimeAsync("inbox page, rows visible (prerendered)", 15, async () =>
        {
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("[data-testid=inbox-row]");
        });
        await Stats.TimeAsync("inbox page, interactive", 15, async () =>
        {
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("[data-testid=inbox-row]");
            await PublishedApp.WaitInteractiveAsync(page);
        });
        await Stats.TimeAsync("status tab switch (click 'Pending')", 15, async () =>
        {
            await page.ClickAsync("[data-testid=tab-pending]");
            await page.WaitForSelectorAsync("[data-testid=tab-pending][aria-selected=true]");
            await page.ClickAsync("[data-testid=tab-open]");
            await page.WaitForSelectorAsync("[data-testid=tab-open][aria-selected=true]");
        });
        await Stats.TimeAsync("ticket with 500 messages", 15, async () =>
        {
            await page.GotoAsync($"/tickets/{bigTicket}");
            await page.WaitForSelectorAsync("[data-testid=composer]");
            await PublishedApp.WaitInteractiveAsync(page);
        });
    }
}
