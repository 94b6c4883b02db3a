using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CampaignFunnelMinuteConfiguration : IEntityTypeConfiguration<CampaignFunnelMinute>
{
    public void Configure(EntityTypeBuilder<CampaignFunnelMinute> b)
    {
        b.ToTable("campaign_funnel_minutes");
        b.HasKey(x => new { x.CampaignId, x.Minute });
        b.Property(x => x.Revenue).HasPrecision(14, 2);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
