using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Suppuo.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TwilioBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "Backfill_CheckedThrough",
                table: "WhatsAppConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Backfill_Error",
                table: "WhatsAppConnections",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Backfill_GapFrom",
                table: "WhatsAppConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Backfill_GapUntil",
                table: "WhatsAppConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Backfill_RanAt",
                table: "WhatsAppConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Backfill_Recovered",
                table: "WhatsAppConnections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Backfill_CheckedThrough",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "Backfill_Error",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "Backfill_GapFrom",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "Backfill_GapUntil",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "Backfill_RanAt",
                table: "WhatsAppConnections");

            migrationBuilder.DropColumn(
                name: "Backfill_Recovered",
                table: "WhatsAppConnections");
        }
    }
}
