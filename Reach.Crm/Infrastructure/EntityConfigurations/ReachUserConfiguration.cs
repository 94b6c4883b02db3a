using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reach.Crm.Security;

namespace Reach.Crm.Infrastructure.EntityConfigurations;

internal sealed class ReachUserConfiguration : IEntityTypeConfiguration<ReachUser>
{
    public void Configure(EntityTypeBuilder<ReachUser> b)
    {
        b.ToTable("users");
        b.Property(x => x.UserName).HasMaxLength(UserService.MaxUserNameLength);
        b.Property(x => x.PasswordHash).HasMaxLength(500);
        b.Property(x => x.Role).HasMaxLength(20);
        b.Property(x => x.SecurityStamp).HasMaxLength(64);
        b.HasIndex(x => x.UserName).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_users_role", "role IN ('viewer', 'marketer', 'approver', 'admin')"));
    }
}
