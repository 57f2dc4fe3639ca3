using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliverySendAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "QueuedAt",
                table: "Deliveries",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "SendStartedAt",
                table: "Deliveries",
                type: "TEXT",
                nullable: true);

            // Rows queued before this column existed count their day from when they were created.
            migrationBuilder.Sql("UPDATE Deliveries SET QueuedAt = CreatedAt;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "SendStartedAt",
                table: "Deliveries");
        }
    }
}
