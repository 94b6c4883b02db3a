using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Reach.AppHost.Configuration;
using Reach.AppHost.Networking;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Postgres;

/// <summary>
/// Starts the <see cref="PostgresResource"/>: waits for the external server when <c>ConnectionStrings:reach</c> is set,
/// otherwise runs the local cluster and provisions the <c>reach</c> role (generated password) and database.
/// </summary>
public sealed class PostgresRunner(
    LocalPostgres localPostgres,
    PortAllocator ports,
    PostgresDatabase database,
    IOptions<AppHostOptions> options,
    PostgresLayout layout,
    ILogger<PostgresRunner> logger) : IResourceRunner
{
    /// <summary>The login role the services use on the local cluster.</summary>
    public const string RoleName = "reach";

    private PostgresBinaries? _binaries;
    private LocalPostgresServer? _server;
    private int? _lastPort;

    /// <inheritdoc />
    public bool CanRun(Resource resource) => resource is PostgresResource;

    /// <inheritdoc />
    public async Task StartAsync(Resource resource, CancellationToken cancellationToken)
    {
        var postgres = (PostgresResource)resource;
        var timeout = TimeSpan.FromSeconds(options.Value.HealthTimeoutSeconds);
        if (postgres.ExternalConnectionString is { } external)
        {
            var target = new NpgsqlConnectionStringBuilder(external);
            postgres.Update(s => s with { State = ResourceState.Starting, Url = $"tcp://{target.Host}:{target.Port}", Message = "external server (ConnectionStrings:reach)", ExitCode = null });
            postgres.Log.Append($"Waiting for the external server {target.Host}:{target.Port} (database {target.Database})");
            await database.WaitUntilAcceptingAsync(external, timeout, cancellationToken);
            postgres.ConnectionString = external;
            postgres.Update(s => s with { State = ResourceState.Running, StartedAt = DateTimeOffset.UtcNow });
            return;
        }

        var password = postgres.Password ?? throw new InvalidOperationException($"{postgres.Name} has no password for role {RoleName}.");
        postgres.Update(s => s with { State = ResourceState.Starting, Message = null, ExitCode = null });
        _binaries ??= PostgresBinaries.Find(options.Value.Postgres.BinDirectory);
        // A restart takes the previous port back, so the services' connection string stays valid.
        var server = await localPostgres.StartAsync(layout, _binaries, _lastPort ?? options.Value.Postgres.Port, line => Progress(postgres, line), cancellationToken);
        _server = server;
        _lastPort = server.Port;
        postgres.Update(s => s with { Url = $"tcp://127.0.0.1:{server.Port}", ProcessId = server.ProcessId, StartedAt = DateTimeOffset.UtcNow });

        await database.WaitUntilAcceptingAsync(server.AdminConnectionString, timeout, cancellationToken);
        var created = await database.EnsureRoleAndDatabaseAsync(server.AdminConnectionString, RoleName, password, postgres.DatabaseName, cancellationToken);
        if (created)
        {
            Progress(postgres, $"Created database {postgres.DatabaseName} owned by {RoleName}");
        }

        postgres.ConnectionString = $"Host=127.0.0.1;Port={server.Port};Username={RoleName};Password={password};Database={postgres.DatabaseName}";
        // The services' own path (TCP with the password) must work, not just the superuser's socket.
        await database.WaitUntilAcceptingAsync(postgres.ConnectionString, timeout, cancellationToken);
        postgres.Update(s => s with
        {
            State = ResourceState.Running,
            Message = server.Reused ? (server.StopAtExit ? "reused a running server" : "shared with another AppHost") : null,
        });
    }

    /// <inheritdoc />
    public async Task StopAsync(Resource resource, CancellationToken cancellationToken)
    {
        var postgres = (PostgresResource)resource;
        if (postgres.IsExternal)
        {
            if (postgres.State is not (ResourceState.NotStarted or ResourceState.FailedToStart))
            {
                postgres.SetState(ResourceState.Stopped, "external server left running");
            }

            return;
        }

        // Stop whatever this run started, even when the start did not finish (e.g. cancelled while pg_ctl waited).
        var startAttempted = postgres.State is not (ResourceState.NotStarted or ResourceState.Stopped);
        if (!startAttempted || _binaries is null)
        {
            return;
        }

        if (_server is { StopAtExit: false })
        {
            postgres.SetState(ResourceState.Stopped, "left running for the AppHost that owns it");
            return;
        }

        postgres.SetState(ResourceState.Stopping);
        NpgsqlConnection.ClearAllPools();
        Progress(postgres, "Stopping PostgreSQL (pg_ctl stop -m fast)");
        await localPostgres.StopAsync(layout, _binaries, cancellationToken);
        _server = null;
        if (_lastPort is { } port)
        {
            ports.Release(port);
        }

        postgres.Update(s => s with { State = ResourceState.Stopped, ProcessId = null, Message = null });
    }

    private void Progress(PostgresResource postgres, string line)
    {
        postgres.Log.Append(line);
        logger.LogInformation("{Message}", line);
    }
}
