namespace Reach.AppHost.Configuration;

/// <summary>Settings of the local PostgreSQL cluster the AppHost runs when <c>ConnectionStrings:reach</c> is not set.</summary>
public sealed class PostgresOptions
{
    /// <summary>The port the cluster listens on (127.0.0.1 only); a free one is picked when it is busy. Default 54329.</summary>
    public int Port { get; set; } = 54329;

    /// <summary>
    /// The folder holding <c>data/</c> (the cluster), <c>run/</c> (its socket), <c>log/</c> and <c>secrets.json</c>.
    /// Default <c>~/.reach/postgres</c>; as root <c>/var/tmp/reach-postgres</c> (the server then runs as the
    /// <c>postgres</c> system user, which cannot enter root's home folder).
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Where <c>initdb</c> and <c>pg_ctl</c> are; default: PATH, then the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? BinDirectory { get; set; }
}
