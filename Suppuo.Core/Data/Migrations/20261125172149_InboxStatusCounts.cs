using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <summary>
    /// On SQLite, each workspace's number of tickets per status, kept by triggers, so the inbox's tab counts are four
    /// rows instead of a walk over every ticket of the workspace. Raw SQL because EF cannot express triggers; like the
    /// search index's, these go with the table if a later migration rebuilds Tickets and must be created again.
    /// </summary>
    public partial class InboxStatusCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite())
                return;
            migrationBuilder.Sql("""
                CREATE TABLE TicketStatusCounts (
                    WorkspaceId INTEGER NOT NULL,
                    Status TEXT NOT NULL,
                    Count INTEGER NOT NULL,
                    PRIMARY KEY (WorkspaceId, Status)
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_CountInsert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO TicketStatusCounts (WorkspaceId, Status, Count) VALUES (new.WorkspaceId, new.Status, 1)
                    ON CONFLICT (WorkspaceId, Status) DO UPDATE SET Count = Count + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_CountDelete AFTER DELETE ON Tickets BEGIN
                    UPDATE TicketStatusCounts SET Count = Count - 1 WHERE WorkspaceId = old.WorkspaceId AND Status = old.Status;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_CountUpdate AFTER UPDATE OF WorkspaceId, Status ON Tickets
                WHEN old.WorkspaceId IS NOT new.WorkspaceId OR old.Status IS NOT new.Status BEGIN
                    UPDATE TicketStatusCounts SET Count = Count - 1 WHERE WorkspaceId = old.WorkspaceId AND Status = old.Status;
                    INSERT INTO TicketStatusCounts (WorkspaceId, Status, Count) VALUES (new.WorkspaceId, new.Status, 1)
                    ON CONFLICT (WorkspaceId, Status) DO UPDATE SET Count = Count + 1;
                END;
                """);
            migrationBuilder.Sql("INSERT INTO TicketStatusCounts (WorkspaceId, Status, Count) SELECT WorkspaceId, Status, COUNT(*) FROM Tickets GROUP BY WorkspaceId, Status;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsSqlite())
                return;
            migrationBuilder.Sql("DROP TRIGGER Tickets_CountUpdate;");
            migrationBuilder.Sql("DROP TRIGGER Tickets_CountDelete;");
            migrationBuilder.Sql("DROP TRIGGER Tickets_CountInsert;");
            migrationBuilder.Sql("DROP TABLE TicketStatusCounts;");
        }
    }
}
