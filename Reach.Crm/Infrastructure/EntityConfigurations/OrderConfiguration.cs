using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(x => x.ExternalId).HasMaxLength(200);
        b.Property(x => x.Total).HasPrecision(12, 2);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.ContentHash).HasMaxLength(32);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasIndex(x => new { x.CustomerId, x.OrderedAt });
        // No foreign key to customers: orders are written only by the bulk merge, which joins every order to an
        // existing customer in the same statement, and customers are never deleted. The per-row check (a KEY SHARE
        // lock on the customer row) doubled the insert (measured: 1,124,624 orders, 8.8 s without it, 18.1 s with it).
    }
}
