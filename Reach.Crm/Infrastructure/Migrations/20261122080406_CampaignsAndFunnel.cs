using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CampaignsAndFunnel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_communications_queued",
                table: "communications");

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "campaigns",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "campaign_funnel_minutes",
                columns: table => new
                {
                    campaign_id = table.Column<long>(type: "bigint", nullable: false),
                    minute = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dispatched = table.Column<long>(type: "bigint", nullable: false),
                    sent = table.Column<long>(type: "bigint", nullable: false),
                    delivered = table.Column<long>(type: "bigint", nullable: false),
                    opened = table.Column<long>(type: "bigint", nullable: false),
                    read = table.Column<long>(type: "bigint", nullable: false),
                    clicked = table.Column<long>(type: "bigint", nullable: false),
                    converted = table.Column<long>(type: "bigint", nullable: false),
                    failed = table.Column<long>(type: "bigint", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_funnel_minutes", x => new { x.campaign_id, x.minute });
                    table.ForeignKey(
                        name: "fk_campaign_funnel_minutes_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaign_funnels",
                columns: table => new
                {
                    campaign_id = table.Column<long>(type: "bigint", nullable: false),
                    queued = table.Column<long>(type: "bigint", nullable: false),
                    dispatched = table.Column<long>(type: "bigint", nullable: false),
                    sent = table.Column<long>(type: "bigint", nullable: false),
                    delivered = table.Column<long>(type: "bigint", nullable: false),
                    opened = table.Column<long>(type: "bigint", nullable: false),
                    read = table.Column<long>(type: "bigint", nullable: false),
                    clicked = table.Column<long>(type: "bigint", nullable: false),
                    converted = table.Column<long>(type: "bigint", nullable: false),
                    failed = table.Column<long>(type: "bigint", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    last_receipt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_funnels", x => x.campaign_id);
                    table.ForeignKey(
                        name: "fk_campaign_funnels_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_funnel_minutes");

            migrationBuilder.DropTable(
                name: "campaign_funnels");

            migrationBuilder.DropIndex(
                name: "ix_communications_campaign_id_stage_id",
                table: "communications");

            migrationBuilder.DropIndex(
                name: "ix_communications_queued",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "campaigns");

            migrationBuilder.CreateIndex(
                name: "ix_communications_queued",
                table: "communications",
                columns: new[] { "campaign_id", "id" },
                filter: "stage = 0");
        }
    }
}
