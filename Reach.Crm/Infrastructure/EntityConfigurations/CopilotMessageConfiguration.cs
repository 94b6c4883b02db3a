using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Copilot;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class CopilotMessageConfiguration : IEntityTypeConfiguration<CopilotMessage>
{
    public void Configure(EntityTypeBuilder<CopilotMessage> b)
    {
        b.ToTable("copilot_messages");
        b.Property(x => x.Role).HasMaxLength(20);
        b.Property(x => x.ToolName).HasMaxLength(100);
        b.Property(x => x.ToolCallId).HasMaxLength(100);
        b.Property(x => x.ToolArguments).HasColumnType("jsonb");
        b.Property(x => x.ToolResult).HasColumnType("jsonb");
        b.HasIndex(x => new { x.ConversationId, x.Sequence }).IsUnique();
    }
}
