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
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
