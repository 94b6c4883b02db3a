using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Copilot;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CopilotConversationConfiguration : IEntityTypeConfiguration<CopilotConversation>
{
    public void Configure(EntityTypeBuilder<CopilotConversation> b)
    {
        b.ToTable("copilot_conversations");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.HasMany(x => x.Messages).WithOne().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.UpdatedAt);
    }
}
