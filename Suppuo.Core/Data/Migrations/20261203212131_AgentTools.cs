using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentTools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "SnoozedUntil",
                table: "Tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CannedResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Shortcut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CannedResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CannedResponses_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CannedResponseFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CannedResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CannedResponseFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CannedResponseFiles_CannedResponses_CannedResponseId",
                        column: x => x.CannedResponseId,
                        principalTable: "CannedResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SnoozedUntil",
                table: "Tickets",
                column: "SnoozedUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_RequesterEmail_LastMessageAt",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "RequesterEmail", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_SnoozedUntil_LastMessageAt",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "SnoozedUntil", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CannedResponseFiles_CannedResponseId",
                table: "CannedResponseFiles",
                column: "CannedResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_CannedResponses_WorkspaceId_Shortcut",
                table: "CannedResponses",
                columns: new[] { "WorkspaceId", "Shortcut" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CannedResponseFiles");

            migrationBuilder.DropTable(
                name: "CannedResponses");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SnoozedUntil",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_RequesterEmail_LastMessageAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_SnoozedUntil_LastMessageAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SnoozedUntil",
                table: "Tickets");
        }
    }
}
