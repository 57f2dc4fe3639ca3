using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Localization;

/// <summary>
/// W24: the inbox search finds Indonesian text as agents type it — any case, a word inside a longer one ("pesanan" in
/// "pesananku"), accented names as written — from the moment a ticket exists (SQLite's LIKE path, until the worker
/// indexes it) and once it is in the trigram index; on PostgreSQL through ILIKE.
/// </summary>
public class IndonesianSearchTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private Task<InboxPage> Search(TestWorkspace workspace, string text) =>
        app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, Search: text));

    /// <summary>On SQLite, until the indexing worker has taken every ticket up to <paramref name="lastId"/>.</summary>
    private async Task IndexedAsync(int lastId)
    {
        if (!await app.WithDbAsync(db => Task.FromResult(db.Database.IsSqlite())))
            return;
        await Eventually.UntilAsync(async () =>
        {
            var upTo = await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT IndexedUpTo AS Value FROM TicketSearchProgress").SingleAsync());
            return upTo >= lastId ? "indexed" : null;
        }, $"ticket {lastId} in the search index");
    }

    [Fact]
    public async Task W24_search_finds_Indonesian_words_inside_longer_ones_in_any_case_as_soon_as_created_and_once_indexed()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var order = (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Pesananku belum sampai", channel = "web", requesterName = "Siti Rahayu", requesterEmail = "siti@pelanggan.example" })).Int("id");
        var cafe = (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Tagihan ganda", channel = "web", requesterName = "Kafé Lestari", requesterEmail = "kafe@pelanggan.example" })).Int("id");
        var other = (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Kirimanku salah alamat", channel = "web", requesterName = "Budi", requesterEmail = "budi@pelanggan.example" })).Int("id");

        async Task AssertFoundAsync()
        {
            Assert.Equal([order], (await Search(workspace, "pesanan")).Items.Select(i => i.Id));
            Assert.Equal([order], (await Search(workspace, "PESANAN")).Items.Select(i => i.Id));
            Assert.Equal([order], (await Search(workspace, "BELUM sampai")).Items.Select(i => i.Id));
            Assert.Equal([order], (await Search(workspace, "rahayu")).Items.Select(i => i.Id));
            Assert.Equal([cafe], (await Search(workspace, "Kafé")).Items.Select(i => i.Id));
            Assert.Equal([cafe], (await Search(workspace, "kafé lestari")).Items.Select(i => i.Id));
            Assert.Equal([other], (await Search(workspace, "KIRIMAN")).Items.Select(i => i.Id));
        }

        await AssertFoundAsync();
        await IndexedAsync(other);
        await AssertFoundAsync();
    }
}

/// <summary>The same searches on PostgreSQL, whose search is ILIKE rather than a trigram index.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class IndonesianSearchOnPostgresTests(PostgresApp app) : IndonesianSearchTests(app), IClassFixture<PostgresApp>;
