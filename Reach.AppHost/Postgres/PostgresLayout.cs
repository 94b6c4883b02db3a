using Reach.AppHost.Configuration;

namespace Reach.AppHost.Postgres;

/// <summary>
/// The files of the local cluster, all under one folder kept between runs:
/// <c>data/</c> (the cluster), <c>run/</c> (its Unix socket), <c>log/postgres.log</c>, <c>secrets.json</c> (mode 600),
/// <c>apphost.pid</c> (which AppHost owns the running server) and <c>services.pid</c> (the services it started).
/// </summary>
/// <param name="Root">The folder.</param>
/// <param name="RunAsPostgresUser">True when the current user is root: <c>initdb</c> refuses root, so the server runs as
/// the <c>postgres</c> system user, which must own <c>data/</c>, <c>run/</c> and <c>log/</c>.</param>
public sealed record PostgresLayout(string Root, bool RunAsPostgresUser)
{
    /// <summary>The folder used as root, where the <c>postgres</c> user can enter (root's home is private).</summary>
    public const string RootUserDefault = "/var/tmp/reach-postgres";

    /// <summary>The cluster's data folder.</summary>
    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>
    /// The folder of the server's Unix socket (mode 700, so trust authentication on it is private); under the temp
    /// folder when <see cref="Root"/> is too deep for a socket path (about 100 bytes at most).
    /// </summary>
    public string SocketDirectory => Path.Combine(Root, "run").Length <= 80
        ? Path.Combine(Root, "run")
        : Path.Combine(Path.GetTempPath(), $"reach-pg-{Environment.UserName}");

    /// <summary>The folder of the server log.</summary>
    public string LogDirectory => Path.Combine(Root, "log");

    /// <summary>The server log <c>pg_ctl</c> writes.</summary>
    public string LogFile => Path.Combine(LogDirectory, "postgres.log");

    /// <summary>The generated secrets (PostgreSQL password, channel signing secret).</summary>
    public string SecretsFile => Path.Combine(Root, "secrets.json");

    /// <summary>The services the running AppHost started (see <see cref="Processes.ChildProcessJournal"/>).</summary>
    public string ServicesJournalFile => Path.Combine(Root, "services.pid");

    /// <summary>The process id of the AppHost that started (and will stop) the running server.</summary>
    public string OwnerFile => Path.Combine(Root, "apphost.pid");

    /// <summary>The layout for the given options: <see cref="PostgresOptions.Directory"/>, else the per-user default.</summary>
    public static PostgresLayout From(PostgresOptions options)
    {
        var isRoot = IsRoot();
        var root = !string.IsNullOrWhiteSpace(options.Directory)
            ? Path.GetFullPath(Environment.ExpandEnvironmentVariables(ExpandHome(options.Directory)))
            : isRoot
                ? RootUserDefault
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".reach", "postgres");
        return new PostgresLayout(root, isRoot);
    }

    private static bool IsRoot() =>
        !OperatingSystem.IsWindows() && (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root");

    private static string ExpandHome(string path) =>
        path.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..] : path;
}
