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
        // The channel's event id is the key: the one index a receipt's insert must check (ON CONFLICT) and maintain.
        b.HasKey(x => x.EventId);
        b.Property(x => x.EventId).HasMaxLength(100);
        b.Property(x => x.Type).HasMaxLength(20);
        // The receipt as received: stored as text (json), not parsed into jsonb — nothing queries inside it.
        b.Property(x => x.Payload).HasColumnType("json");
        // A message's events: events arrive roughly in dispatch order, so a block-range index finds them for a fraction
        // of a b-tree's upkeep per insert.
        b.HasIndex(x => x.CommunicationId).HasMethod("brin").HasStorageParameter("autosummarize", true);
        // No foreign key to communications: events are inserted only by the receipt batch, joined to their communication
        // in the same statement, and communications are never deleted. The per-row check took a KEY SHARE lock on each
        // communication in event order, which cost as much as the insert and deadlocked with dispatch's row locks.
    }
}
