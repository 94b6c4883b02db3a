using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Reach.Crm.Auditing;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;
using Reach.Crm.Copilot;
using Reach.Crm.Customers;
using Reach.Crm.Receipts;
using Reach.Crm.Security;
using Reach.Crm.Segmentation;

namespace Reach.Crm.Infrastructure;

/// <summary>The CRM's database (PostgreSQL, snake_case names). Bulk paths use Npgsql directly; see <c>Ingest/</c>.</summary>
public sealed class ReachDbContext(DbContextOptions<ReachDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Communication> Communications => Set<Communication>();
    public DbSet<CampaignFunnel> CampaignFunnels => Set<CampaignFunnel>();
    public DbSet<CampaignFunnelMinute> CampaignFunnelMinutes => Set<CampaignFunnelMinute>();
    public DbSet<ReceiptEvent> ReceiptEvents => Set<ReceiptEvent>();
    public DbSet<CopilotConversation> CopilotConversations => Set<CopilotConversation>();
    public DbSet<CopilotMessage> CopilotMessages => Set<CopilotMessage>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<ReachUser> Users => Set<ReachUser>();

    /// <summary>ASP.NET Core data-protection keys (they protect the bearer tokens; kept here so tokens survive a restart).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReachDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
