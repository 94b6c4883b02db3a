using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CampaignFunnelConfiguration : IEntityTypeConfiguration<CampaignFunnel>
{
    public void Configure(EntityTypeBuilder<CampaignFunnel> b)
    {
        b.ToTable("campaign_funnels");
        b.HasKey(x => x.CampaignId);
        b.Property(x => x.Revenue).HasPrecision(14, 2);
        b.HasOne<Campaign>().WithOne().HasForeignKey<CampaignFunnel>(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
