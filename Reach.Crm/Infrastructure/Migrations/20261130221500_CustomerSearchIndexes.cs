using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <summary>
    /// Trigram indexes for the customers search (<c>name ILIKE '%…%'</c>, <c>email ILIKE '%…%'</c>) and a phone index
    /// for exact look-ups. Expression/operator-class indexes only (EF Core's model is unchanged), like SegmentationIndexes.
    /// </summary>
    [DbContext(typeof(ReachDbContext))]
    [Migration("20261130221500_CustomerSearchIndexes")]
    public partial class CustomerSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_customers_name_trgm ON customers USING gin (name gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_customers_email_trgm ON customers USING gin (email gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_customers_phone ON customers (phone) WHERE phone IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_name_trgm; DROP INDEX IF EXISTS ix_customers_email_trgm; DROP INDEX IF EXISTS ix_customers_phone;");
        }
    }
}
