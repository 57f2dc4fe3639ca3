using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MultiNumberWorkspaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_AccountSid_PhoneNumber",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_PhoneNumberId",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_WorkspaceId",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_WorkspaceId_RequesterKey",
                table: "Conversations");

            migrationBuilder.AddColumn<int>(
                name: "BusinessNumberId",
                table: "WhatsAppConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultAssigneeId",
                table: "WhatsAppConnections",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DisconnectedAt",
                table: "WhatsAppConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDefault",
                table: "WhatsAppConnections",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "WhatsAppConnections",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "BusinessNumberId",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BusinessNumberId",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "BusinessNumbers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ConnectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessNumbers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessNumbers_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_AccountSid_PhoneNumber",
                table: "WhatsAppConnections",
                columns: new[] { "AccountSid", "PhoneNumber" },
                unique: true,
                filter: "\"DisconnectedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_BusinessNumberId",
                table: "WhatsAppConnections",
                column: "BusinessNumberId");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_PhoneNumberId",
                table: "WhatsAppConnections",
                column: "PhoneNumberId",
                unique: true,
                filter: "\"DisconnectedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_WorkspaceId_IsDefault",
                table: "WhatsAppConnections",
                columns: new[] { "WorkspaceId", "IsDefault" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_BusinessNumberId_LastMessageAt",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "BusinessNumberId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_WorkspaceId_BusinessNumberId_RequesterKey",
                table: "Conversations",
                columns: new[] { "WorkspaceId", "BusinessNumberId", "RequesterKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BusinessNumbers_WorkspaceId_Key",
                table: "BusinessNumbers",
                columns: new[] { "WorkspaceId", "Key" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_WhatsAppConnections_BusinessNumbers_BusinessNumberId",
                table: "WhatsAppConnections",
                column: "BusinessNumberId",
                principalTable: "BusinessNumbers",
                principalColumn: "Id");

            migrationBuilder.Sql(Suppuo.Core.Data.Backfills.MultiNumberBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WhatsAppConnections_BusinessNumbers_BusinessNumberId",
                table: "WhatsAppConnections");

            migrationBuilder.DropTable(
                name: "BusinessNumbers");

            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_AccountSid_PhoneNumber",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_BusinessNumberId",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_PhoneNumberId",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_WhatsAppConnections_WorkspaceId_IsDefault",
                table: "WhatsAppConnections");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_BusinessNumberId_LastMessageAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_WorkspaceId_BusinessNumberId_RequesterKey",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "BusinessNumberId",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "DefaultAssigneeId",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "DisconnectedAt",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "IsDefault",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "Label",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "BusinessNumberId",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "BusinessNumberId",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_AccountSid_PhoneNumber",
                table: "WhatsAppConnections",
                columns: new[] { "AccountSid", "PhoneNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_PhoneNumberId",
                table: "WhatsAppConnections",
                column: "PhoneNumberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WhatsAppConnections_WorkspaceId",
                table: "WhatsAppConnections",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_WorkspaceId_RequesterKey",
                table: "Conversations",
                columns: new[] { "WorkspaceId", "RequesterKey" },
                unique: true);
        }
    }
}
