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
        // Segment filters over maintained metrics (ARCHITECTURE §5): btree for ranges, GIN for array membership.
        // city and country are matched case-insensitively: expression indexes on lower(…) are created by the
        // SegmentationIndexes migration (EF Core can't model expression indexes).
        b.HasIndex(x => x.LastOrderAt);
        b.HasIndex(x => x.FirstOrderAt);
        b.HasIndex(x => x.CreatedAt);
        b.HasIndex(x => x.TotalSpent);
        b.HasIndex(x => x.OrderCount);
        b.HasIndex(x => x.Tags).HasMethod("gin");
        b.HasIndex(x => x.Categories).HasMethod("gin");
        b.HasIndex(x => x.ProductIds).HasMethod("gin");
    }
}
