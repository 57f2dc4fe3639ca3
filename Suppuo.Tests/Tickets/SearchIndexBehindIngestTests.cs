using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Tickets;

/// <summary>The app without its search indexing worker, so a test decides when new tickets join the index.</summary>
public sealed class SuppuoAppIndexingByHand : SuppuoApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var worker = services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(TicketSearchWorker));
            services.Remove(worker);
        });
    }

    /// <summary>What the worker does: index every ticket created since the last pass.</summary>
    public async Task IndexNewTicketsAsync()
    {
        while (await Services.GetRequiredService<IndexNewTickets>().RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }
}

/// <summary>
/// Tickets created outside WhatsApp ingest join the search index after the transaction that created them (migration
/// SearchIndexBehindIngest); the ingest writer indexes in its own. Search must find them all the same, once, and the
/// index must stay whole whatever happens to them meanwhile.
/// </summary>
public class SearchIndexBehindIngestTests(SuppuoAppIndexingByHand app) : IClassFixture<SuppuoAppIndexingByHand>
{
    private Task<InboxPage> Search(TestWorkspace workspace, string text) =>
        app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, Search: text));

    private static async Task<int> CreateAsync(TestWorkspace workspace, string subject, string name) =>
        (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject, channel = "web", requesterName = name, requesterEmail = "k@example.com" })).Int("id");

    private Task<int> IndexedUpToAsync() =>
        app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT IndexedUpTo AS Value FROM TicketSearchProgress").SingleAsync());

    private Task AssertIndexIsWholeAsync() =>
        app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO TicketSearch(TicketSearch, rank) VALUES ('integrity-check', 1);"));

    [Fact]
    public async Task A_new_ticket_is_found_before_it_joins_the_search_index_and_once_after()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await CreateAsync(workspace, "Kulkas tidak dingin", "Rina");
        Assert.True(await IndexedUpToAsync() < id);

        Assert.Equal([id], (await Search(workspace, "kulkas")).Items.Select(i => i.Id));

        await app.IndexNewTicketsAsync();
        Assert.True(await IndexedUpToAsync() >= id);
        var page = await Search(workspace, "kulkas");
        Assert.Equal([id], page.Items.Select(i => i.Id));
        Assert.Equal(1, page.Total);
        await AssertIndexIsWholeAsync();
    }

    [Fact]
    public async Task A_ticket_renamed_before_and_after_it_joins_the_index_is_found_by_its_current_name_only()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await CreateAsync(workspace, "Mesin cuci bocor", "Rina");
        Task RenameAsync(string name) => app.WithDbAsync(db =>
            db.Tickets.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.RequesterName, name)));

        await RenameAsync("Sulastri"); // not indexed yet: the index is not told
        await app.IndexNewTicketsAsync();
        Assert.Equal([id], (await Search(workspace, "sulastri")).Items.Select(i => i.Id));
        Assert.Empty((await Search(workspace, "rina")).Items);

        await RenameAsync("Wulandari"); // indexed: the trigger updates the index
        Assert.Equal([id], (await Search(workspace, "wulandari")).Items.Select(i => i.Id));
        Assert.Empty((await Search(workspace, "sulastri")).Items);
        await AssertIndexIsWholeAsync();
    }

    [Fact]
    public async Task A_whatsapp_message_indexes_its_new_ticket_in_its_own_transaction_and_any_other_waiting_below_it()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        var fromTheApi = await CreateAsync(number.Workspace, "Kompor gas bocor", "Rina");
        Assert.True(await IndexedUpToAsync() < fromTheApi);

        await app.SendWhatsAppAsync(number, "+6281298765432", "Kompor listrik mati", profileName: "Dewi");

        var fromWhatsApp = Assert.Single(await number.Workspace.TicketsOfAsync(), t => t.Str("channel") == "whatsapp").Int("id");
        Assert.True(await IndexedUpToAsync() >= fromWhatsApp); // no worker ran: the ingest writer did it
        var page = await Search(number.Workspace, "kompor");
        Assert.Equal([fromWhatsApp, fromTheApi], page.Items.Select(i => i.Id));
        Assert.Equal(2, page.Total);
        await AssertIndexIsWholeAsync();
    }

    [Fact]
    public async Task A_ticket_the_ingest_writer_indexed_wakes_no_search_worker_and_a_ticket_from_the_api_does()
    {
        var worker = app.Services.GetRequiredService<TicketSearchSignal>();
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        await worker.WaitAsync(TimeSpan.Zero, CancellationToken.None); // a wake-up left by the tests before

        await app.SendWhatsAppAsync(number, "+6281311112222", "Kulkas tidak dingin", profileName: "Yanti");
        Assert.False(await worker.WaitAsync(TimeSpan.Zero, CancellationToken.None), "woken for a ticket its batch had indexed");

        await CreateAsync(number.Workspace, "Kulkas berisik", "Yanti");
        Assert.True(await worker.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
