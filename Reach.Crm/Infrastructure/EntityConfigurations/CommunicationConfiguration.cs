using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Campaigns;
using Reach.Crm.Customers;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CommunicationConfiguration : IEntityTypeConfiguration<Communication>
{
    public void Configure(EntityTypeBuilder<Communication> b)
    {
        b.ToTable("communications");
        b.Property(x => x.Channel).HasMaxLength(20);
        b.Property(x => x.RecipientAddress).HasMaxLength(320);
        b.Property(x => x.FailureReason).HasMaxLength(100);
        b.Property(x => x.ConversionValue).HasPrecision(12, 2);
        b.Property(x => x.Stage).HasDefaultValue((short)0);
        b.Property(x => x.Attempts).HasDefaultValue(0);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.CustomerId }).IsUnique();
        b.HasIndex(x => x.CustomerId);
        // The dispatcher's queue: queued (stage 0) messages, claimed in id order.
        b.HasIndex(x => x.Id).HasFilter("stage = 0").HasDatabaseName("ix_communications_queued");
        // The recipients table: a campaign's messages by stage.
        b.HasIndex(x => new { x.CampaignId, x.Stage, x.Id });
    }
}
