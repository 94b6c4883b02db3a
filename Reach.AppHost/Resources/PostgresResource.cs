namespace Reach.AppHost.Resources;

/// <summary>
/// The PostgreSQL server and its one database: either a local cluster the AppHost runs, or an external server
/// (<c>ConnectionStrings:reach</c>) it only waits for.
/// </summary>
/// <param name="name">The resource name (<c>postgres</c>).</param>
/// <param name="databaseName">The database the services use (<c>reach</c>); also the name of its connection string.</param>
/// <param name="externalConnectionString">The configured external server, or null to run a local cluster.</param>
/// <param name="logCapacity">How many log lines are kept.</param>
public sealed class PostgresResource(string name, string databaseName, string? externalConnectionString, int logCapacity)
    : Resource(name, logCapacity)
{
    /// <inheritdoc />
    public override string Type => "PostgreSQL";

    /// <summary>The database name.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>The configured external server's connection string, or null when the AppHost runs its own cluster.</summary>
    public string? ExternalConnectionString { get; } = externalConnectionString;

    /// <summary>Whether the server is external (never started or stopped by the AppHost).</summary>
    public bool IsExternal => ExternalConnectionString is not null;

    /// <summary>The password of the services' login role on the local cluster (generated once, kept in <c>secrets.json</c>).</summary>
    public string? Password { get; init; }

    /// <summary>The services' connection string to <see cref="DatabaseName"/>, once the server is running.</summary>
    public string? ConnectionString { get; set; }
}
