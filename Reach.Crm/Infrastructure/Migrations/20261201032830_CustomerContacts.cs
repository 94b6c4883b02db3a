using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <summary>
    /// Moves customers' last contact off the wide <c>customers</c> row (16 indexes, pages full: every dispatch update of
    /// it was a non-HOT update inserting into each index) to the narrow <c>customer_contacts</c> (fillfactor 70, so
    /// dispatch's updates stay on the page): existing values are copied, then the column is dropped.
    /// </summary>
    public partial class CustomerContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_contacts",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    last_contacted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_contacts", x => x.customer_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            // Existing contacts move over (in customer order, so the table starts clustered like its key), then the column goes.
            migrationBuilder.Sql("""
                INSERT INTO customer_contacts (customer_id, last_contacted_at)
                SELECT id, last_contacted_at FROM customers WHERE last_contacted_at IS NOT NULL ORDER BY id;
                """);

            migrationBuilder.DropColumn(
                name: "last_contacted_at",
                table: "customers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_contacted_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE customers c SET last_contacted_at = k.last_contacted_at FROM customer_contacts k WHERE k.customer_id = c.id;
                """);

            migrationBuilder.DropTable(
                name: "customer_contacts");
        }
    }
}
