using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CustomerContactConfiguration : IEntityTypeConfiguration<CustomerContact>
{
    /// <summary>
    /// Percentage of each heap page filled by inserts: the rest is room for the new versions of dispatch's updates, so
    /// they stay on the page and skip the index (HOT updates).
    /// </summary>
    private const int FillFactorPercent = 70;

    public void Configure(EntityTypeBuilder<CustomerContact> b)
    {
        b.ToTable("customer_contacts");
        b.HasKey(x => x.CustomerId);
        b.Property(x => x.CustomerId).ValueGeneratedNever();
        b.HasStorageParameter("fillfactor", FillFactorPercent);
        // No foreign key to customers: rows are written only by dispatch, for customers it has just sent to, and customers
        // are never deleted. The check on a first contact (a KEY SHARE lock on the wide customers row) cost twice the
        // insert itself (measured: 1,000 first contacts, 8–10 ms without it, 22–34 ms with it).
    }
}
