using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SegmentationIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_customers_lower_city ON customers (lower(city));");
            migrationBuilder.Sql("CREATE INDEX ix_customers_lower_country ON customers (lower(country));");
            migrationBuilder.DropIndex(
                name: "ix_customers_city",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_country",
                table: "customers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_lower_city; DROP INDEX IF EXISTS ix_customers_lower_country;");
            migrationBuilder.CreateIndex(
                name: "ix_customers_city",
                table: "customers",
                column: "city");

            migrationBuilder.CreateIndex(
                name: "ix_customers_country",
                table: "customers",
                column: "country");
        }
    }
}
