using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThreadingIndexesWithActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_RequesterPhone",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_RequesterWhatsAppId",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_RequesterPhone_LastMessageAt",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "RequesterPhone", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_RequesterWhatsAppId_LastMessageAt",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "RequesterWhatsAppId", "LastMessageAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_RequesterPhone_LastMessageAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_WorkspaceId_RequesterWhatsAppId_LastMessageAt",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_RequesterPhone",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "RequesterPhone" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_WorkspaceId_RequesterWhatsAppId",
                table: "Tickets",
                columns: new[] { "WorkspaceId", "RequesterWhatsAppId" });
        }
    }
}
