using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <summary>
    /// SQLite: the trigram index stops merging its segments by itself. FTS5's automerge merges a whole level at once, in
    /// whichever transaction fills it — the ingest writer's batch, which then took 20 to 60 ms longer. Each search
    /// index pass now merges a few pages instead (IndexNewTickets.Pass), so the merging is spread over every batch
    /// (docs/decisions/009).
    /// </summary>
    public partial class SearchIndexMergedInSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
                migrationBuilder.Sql("INSERT INTO TicketSearch(TicketSearch, rank) VALUES ('automerge', 0);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
                migrationBuilder.Sql("INSERT INTO TicketSearch(TicketSearch, rank) VALUES ('automerge', 4);");
        }
    }
}
