using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Segmentation;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.ToTable("segments");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Definition).HasColumnType("jsonb");
        b.Property(x => x.CreatedVia).HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.HasIndex(x => x.CreatedAt);
    }
}
