using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <summary>
    /// SQLite: new tickets join the search index shortly after their transaction, not inside it — the trigram index was
    /// three quarters of SQLite's work per new ticket in the ingest writer (docs/decisions/008). `TicketSearchProgress`
    /// holds the highest ticket id indexed (ids only grow: AUTOINCREMENT, one writer at a time). Changes and deletes of
    /// indexed tickets still update the index by trigger, and only of those: FTS5 must never be told to delete what it
    /// never indexed. Search reads the index plus a LIKE over the tickets above the mark (SearchInbox).
    /// </summary>
    public partial class SearchIndexBehindIngest : Migration
    {
        private const string Columns = "Subject, RequesterName, RequesterPhone, RequesterEmail";
        private const string Indexed = "old.Id <= (SELECT IndexedUpTo FROM TicketSearchProgress)";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite())
                return;
            migrationBuilder.Sql("CREATE TABLE TicketSearchProgress (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), IndexedUpTo INTEGER NOT NULL);");
            migrationBuilder.Sql("INSERT INTO TicketSearchProgress (Id, IndexedUpTo) VALUES (1, COALESCE((SELECT MAX(Id) FROM Tickets), 0));");
            migrationBuilder.Sql("DROP TRIGGER Tickets_SearchInsert;");
            migrationBuilder.Sql("DROP TRIGGER Tickets_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Tickets_SearchDelete;");
            CreateChangeTriggers(migrationBuilder, $"WHEN {Indexed} ");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite())
                return;
            migrationBuilder.Sql($"INSERT INTO TicketSearch(rowid, {Columns}) SELECT Id, {Columns} FROM Tickets WHERE Id > (SELECT IndexedUpTo FROM TicketSearchProgress);");
            migrationBuilder.Sql("DROP TRIGGER Tickets_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Tickets_SearchDelete;");
            migrationBuilder.Sql("DROP TABLE TicketSearchProgress;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER Tickets_SearchInsert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO TicketSearch(rowid, {Columns}) VALUES (new.Id, new.Subject, new.RequesterName, new.RequesterPhone, new.RequesterEmail);
                END;
                """);
            CreateChangeTriggers(migrationBuilder, "");
        }

        private static void CreateChangeTriggers(MigrationBuilder migrationBuilder, string when)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER Tickets_SearchDelete AFTER DELETE ON Tickets {when}BEGIN
                    INSERT INTO TicketSearch(TicketSearch, rowid, {Columns}) VALUES ('delete', old.Id, old.Subject, old.RequesterName, old.RequesterPhone, old.RequesterEmail);
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Tickets_SearchUpdate AFTER UPDATE OF {Columns} ON Tickets {when}BEGIN
                    INSERT INTO TicketSearch(TicketSearch, rowid, {Columns}) VALUES ('delete', old.Id, old.Subject, old.RequesterName, old.RequesterPhone, old.RequesterEmail);
                    INSERT INTO TicketSearch(rowid, {Columns}) VALUES (new.Id, new.Subject, new.RequesterName, new.RequesterPhone, new.RequesterEmail);
                END;
                """);
        }
    }
}
