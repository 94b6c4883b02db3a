using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Campaigns;
using Reach.Crm.Receipts;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class ReceiptEventConfiguration : IEntityTypeConfiguration<ReceiptEvent>
{
    public void Configure(EntityTypeBuilder<ReceiptEvent> b)
    {
        b.ToTable("receipt_events");
        b.Property(x => x.EventId).HasMaxLength(100);
        b.Property(x => x.Type).HasMaxLength(20);
        b.Property(x => x.Payload).HasColumnType("jsonb");
        b.HasIndex(x => x.EventId).IsUnique();
        b.HasIndex(x => x.CommunicationId);
        b.HasOne<Communication>().WithMany().HasForeignKey(x => x.CommunicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
