using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Reach.Crm.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>Readiness fails while PostgreSQL is unreachable or the migrations are not applied.</summary>
public sealed class DatabaseHealthTests
{
    [Fact]
    public async Task Health_is_unhealthy_when_the_database_is_unreachable_or_not_migrated()
    {
        var ct = TestContext.Current.CancellationToken;
        // A port nothing listens on (bound then released).
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=x;Database=x;Timeout=2");

        var state = new DatabaseState();
        var notMigrated = await new DatabaseHealthCheck(unreachable, state).CheckHealthAsync(new HealthCheckContext(), ct);
        Assert.Equal(HealthStatus.Unhealthy, notMigrated.Status);
        Assert.Contains("migrations", notMigrated.Description);

        state.MarkMigrated();
        var down = await new DatabaseHealthCheck(unreachable, state).CheckHealthAsync(new HealthCheckContext(), ct);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("unreachable", down.Description);

        await using var reachable = NpgsqlDataSource.Create((await Reach.Testing.TestPostgres.GetAsync()).AdminConnectionString);
        Assert.Equal(HealthStatus.Healthy, (await new DatabaseHealthCheck(reachable, state).CheckHealthAsync(new HealthCheckContext(), ct)).Status);
    }
}
