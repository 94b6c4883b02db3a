namespace Reach.AppHost.Postgres;

/// <summary>A running local cluster.</summary>
/// <param name="Port">Its TCP port on 127.0.0.1.</param>
/// <param name="SocketDirectory">The folder of its Unix socket (superuser access, trust authentication).</param>
/// <param name="ProcessId">The postmaster's process id.</param>
/// <param name="Reused">True when it was already running (left by an earlier run) and was reused.</param>
/// <param name="StopAtExit">Whether this AppHost stops it when it exits (false when another live AppHost owns it).</param>
public sealed record LocalPostgresServer(int Port, string SocketDirectory, int ProcessId, bool Reused, bool StopAtExit)
{
    /// <summary>The superuser's connection string over the Unix socket, to the <c>postgres</c> database.</summary>
    public string AdminConnectionString =>
        $"Host={SocketDirectory};Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=10";
}
