using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentDownloads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attachments_Status",
                table: "Attachments");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Attachments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Attachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_Status_NextAttemptAt",
                table: "Attachments",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attachments_Status_NextAttemptAt",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Attachments");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_Status",
                table: "Attachments",
                column: "Status");
        }
    }
}
