using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines");
        b.Property(x => x.Sku).HasMaxLength(100);
        b.Property(x => x.ProductName).HasMaxLength(500);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.UnitPrice).HasPrecision(12, 3);
        // One index only, and no foreign key to orders: lines are written and deleted only by the bulk merge,
        // in the same transaction as their order, and a per-row FK check costs more than the rest of the
        // insert (measured: 406,829 Online Retail lines, 2.3 s with the FK vs 0.9 s without).
        b.HasKey(x => new { x.OrderId, x.LineNo });
    }
}
