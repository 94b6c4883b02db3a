using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <summary>
    /// Receipts without index upkeep on <c>communications</c>: no index names <c>stage</c> any more (the dispatcher's queue
    /// is "not yet dispatched", <c>dispatched_at IS NULL</c>; the recipients index is (campaign, id)) and pages are left half
    /// free (fillfactor 50), so a receipt's update of its message is HOT. <c>receipt_events</c> is keyed by the channel's
    /// event id (the surrogate id and its index go), finds a message's events through a BRIN index, and keeps the payload
    /// as received (<c>json</c>, not parsed into <c>jsonb</c>). Pages written before this migration stay as full as they are.
    /// </summary>
    public partial class ReceiptsHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_receipt_events",
                table: "receipt_events");

            migrationBuilder.DropIndex(
                name: "ix_receipt_events_communication_id",
                table: "receipt_events");

            migrationBuilder.DropIndex(
                name: "ix_receipt_events_event_id",
                table: "receipt_events");

            migrationBuilder.DropIndex(
                name: "ix_communications_campaign_id_stage_id",
                table: "communications");

            migrationBuilder.DropIndex(
                name: "ix_communications_queued",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "id",
                table: "receipt_events");

            migrationBuilder.AlterTable(
                name: "communications")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "payload",
                table: "receipt_events",
                type: "json",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "jsonb");

            migrationBuilder.AddPrimaryKey(
                name: "pk_receipt_events",
                table: "receipt_events",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_events_communication_id",
                table: "receipt_events",
                column: "communication_id")
                .Annotation("Npgsql:IndexMethod", "brin")
                .Annotation("Npgsql:StorageParameter:autosummarize", true);

            migrationBuilder.CreateIndex(
                name: "ix_communications_campaign_id_id",
                table: "communications",
                columns: new[] { "campaign_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_communications_queued",
                table: "communications",
                column: "id",
                filter: "dispatched_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_receipt_events",
                table: "receipt_events");

            migrationBuilder.DropIndex(
                name: "ix_receipt_events_communication_id",
                table: "receipt_events");

            migrationBuilder.DropIndex(
                name: "ix_communications_campaign_id_id",
                table: "communications");

            migrationBuilder.DropIndex(
                name: "ix_communications_queued",
                table: "communications");

            migrationBuilder.AlterTable(
                name: "communications")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterColumn<JsonDocument>(
                name: "payload",
                table: "receipt_events",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(JsonDocument),
                oldType: "json");

            migrationBuilder.AddColumn<long>(
                name: "id",
                table: "receipt_events",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddPrimaryKey(
                name: "pk_receipt_events",
                table: "receipt_events",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_events_communication_id",
                table: "receipt_events",
                column: "communication_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_events_event_id",
                table: "receipt_events",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_communications_campaign_id_stage_id",
                table: "communications",
                columns: new[] { "campaign_id", "stage", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_communications_queued",
                table: "communications",
                column: "id",
                filter: "stage = 0");
        }
    }
}
