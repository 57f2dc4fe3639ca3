using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentFilesOverWhatsApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deliveries_MessageId",
                table: "Deliveries");

            migrationBuilder.AddColumn<int>(
                name: "AttachmentId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhatsAppRefusal",
                table: "Attachments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_AttachmentId",
                table: "Deliveries",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_MessageId",
                table: "Deliveries",
                column: "MessageId");

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_Attachments_AttachmentId",
                table: "Deliveries",
                column: "AttachmentId",
                principalTable: "Attachments",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_Attachments_AttachmentId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_AttachmentId",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_MessageId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "WhatsAppRefusal",
                table: "Attachments");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_MessageId",
                table: "Deliveries",
                column: "MessageId",
                unique: true);
        }
    }
}
