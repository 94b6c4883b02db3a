using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Campaigns;
using Reach.Crm.Copilot;
using Reach.Crm.Segmentation;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("campaigns");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Goal).HasMaxLength(2000);
        b.Property(x => x.Channel).HasMaxLength(20);
        b.Property(x => x.ChannelReason).HasMaxLength(1000);
        b.Property(x => x.MessageTemplate).HasMaxLength(4000);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.CreatedVia).HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.ApprovedBy).HasMaxLength(200);
        b.Property(x => x.LaunchTraceParent).HasMaxLength(100);
        b.HasOne<Segment>().WithMany().HasForeignKey(x => x.SegmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CopilotConversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => x.SegmentId);
    }
}
