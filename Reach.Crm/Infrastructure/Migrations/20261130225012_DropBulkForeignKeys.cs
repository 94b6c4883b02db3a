using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DropBulkForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_orders_customers_customer_id",
                table: "orders");

            migrationBuilder.DropForeignKey(
                name: "fk_receipt_events_communications_communication_id",
                table: "receipt_events");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_orders_customers_customer_id",
                table: "orders",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_receipt_events_communications_communication_id",
                table: "receipt_events",
                column: "communication_id",
                principalTable: "communications",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
