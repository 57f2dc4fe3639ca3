using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <summary>
    /// The inbox's search index on SQLite: an FTS5 trigram table over the searched columns of Tickets, kept in step by
    /// triggers. Raw SQL because EF cannot express FTS5. A later migration that rebuilds Tickets (SQLite's way of
    /// altering a column) drops these triggers with the old table and must create them again; the search tests that
    /// rename a ticket would fail.
    /// </summary>
    public partial class InboxSearchAndAssigneeCounts : Migration
    {
        private const string Columns = "Subject, RequesterName, RequesterPhone, RequesterEmail";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_AssigneeId_Status_LastMessageAt",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "AssigneeId", "Status", "LastMessageAt" });

            if (!migrationBuilder.IsSqlite())
                return;
            // External content: the text stays in Tickets only. Trigrams match any substring of three characters or
            // more in any case, as the LIKE search did, so "bud" finds Budi and "812345" a phone number.
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE TicketSearch USING fts5({Columns}, content='Tickets', content_rowid='Id', tokenize='trigram');");
            migrationBuilder.Sql($"""
                CREATE TRIGGER Tickets_SearchInsert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO TicketSearch(rowid, {Columns}) VALUES (new.Id, new.Subject, new.RequesterName, new.RequesterPhone, new.RequesterEmail);
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Tickets_SearchDelete AFTER DELETE ON Tickets BEGIN
                    INSERT INTO TicketSearch(TicketSearch, rowid, {Columns}) VALUES ('delete', old.Id, old.Subject, old.RequesterName, old.RequesterPhone, old.RequesterEmail);
                END;
                """);
            // Only when a searched column changes: a new message touches its ticket's activity columns, never these.
            migrationBuilder.Sql($"""
                CREATE TRIGGER Tickets_SearchUpdate AFTER UPDATE OF {Columns} ON Tickets BEGIN
                    INSERT INTO TicketSearch(TicketSearch, rowid, {Columns}) VALUES ('delete', old.Id, old.Subject, old.RequesterName, old.RequesterPhone, old.RequesterEmail);
                    INSERT INTO TicketSearch(rowid, {Columns}) VALUES (new.Id, new.Subject, new.RequesterName, new.RequesterPhone, new.RequesterEmail);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO TicketSearch(TicketSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("DROP TRIGGER Tickets_SearchUpdate;");
                migrationBuilder.Sql("DROP TRIGGER Tickets_SearchDelete;");
                migrationBuilder.Sql("DROP TRIGGER Tickets_SearchInsert;");
                migrationBuilder.Sql("DROP TABLE TicketSearch;");
            }

            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_AssigneeId_Status_LastMessageAt",
                table: "Tickets");
        }
    }
}
