using Microsoft.EntityFrameworkCore;

namespace Reach.Crm.Infrastructure;

/// <summary>
/// Applies the committed EF Core migrations at start, before the CRM serves requests, retrying while
/// PostgreSQL is not yet reachable (up to <c>Reach:Database:StartupTimeoutSeconds</c>, default 60 s).
/// </summary>
public sealed class DatabaseMigrator(IServiceProvider services, DatabaseState state, IConfiguration configuration, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(configuration.GetValue("Reach:Database:StartupTimeoutSeconds", 60));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReachDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await db.Database.MigrateAsync(cancellationToken);
                state.MarkMigrated();
                logger.LogInformation("Database migrated after {Attempts} attempt(s)", attempt);
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database not reachable yet (attempt {Attempt}): {Message}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
