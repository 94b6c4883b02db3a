using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.Property(x => x.Sku).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(500);
        b.Property(x => x.Category).HasMaxLength(100);
        b.HasIndex(x => x.Sku).IsUnique();
        b.HasIndex(x => x.Category);
        // "bought a lantern": product names matched with ILIKE '%…%'.
        b.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
