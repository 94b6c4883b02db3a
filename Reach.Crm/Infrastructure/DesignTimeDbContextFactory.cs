using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Reach.Crm.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app or reaching a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReachDbContext>
{
    public ReachDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReachDbContext>()
            .UseNpgsql("Host=localhost;Database=reach_design", o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
