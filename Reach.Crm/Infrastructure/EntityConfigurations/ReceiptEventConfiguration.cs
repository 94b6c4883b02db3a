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
        // No foreign key to communications: events are inserted only by the receipt batch, joined to their communication
        // in the same statement, and communications are never deleted. The per-row check took a KEY SHARE lock on each
        // communication in event order, which cost as much as the insert and deadlocked with dispatch's row locks.
    }
}
