using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.Property(x => x.ExternalId).HasMaxLength(200);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.FirstName).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(320);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.City).HasMaxLength(200);
        b.Property(x => x.Country).HasMaxLength(200);
        b.Property(x => x.Gender).HasMaxLength(20);
        b.Property(x => x.Tags).HasDefaultValueSql("'{}'::text[]");
        b.Property(x => x.TotalSpent).HasPrecision(12, 2).HasDefaultValue(0m);
        b.Property(x => x.AvgOrderValue).HasPrecision(12, 2).HasDefaultValue(0m);
        b.Property(x => x.OrderCount).HasDefaultValue(0);
        b.Property(x => x.IsSynthetic).HasDefaultValue(false);
        b.Property(x => x.Categories).HasDefaultValueSql("'{}'::text[]");
        b.Property(x => x.ProductIds).HasDefaultValueSql("'{}'::integer[]");
        b.Property(x => x.LastItem).HasMaxLength(500);

        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasIndex(x => x.Email).IsUnique().HasFilter("email IS NOT NULL");
        // Segment filters read the narrow segment_facts projection, not this table (SegmentFacts migration), so the
        // customers carry no indexes for them.
    }
}
