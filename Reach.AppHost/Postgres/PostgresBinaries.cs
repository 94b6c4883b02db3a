using Reach.AppHost.Processes;

namespace Reach.AppHost.Postgres;

/// <summary>Where the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>) are.</summary>
/// <param name="BinDirectory">The folder holding them.</param>
public sealed record PostgresBinaries(string BinDirectory)
{
    /// <summary>The <c>initdb</c> program.</summary>
    public string InitDb => Path.Combine(BinDirectory, "initdb");

    /// <summary>The <c>pg_ctl</c> program.</summary>
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>Finds the programs: <paramref name="configured"/>, else PATH, else the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    /// <exception cref="InvalidOperationException">They are not installed.</exception>
    public static PostgresBinaries Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Has(configured)
                ? new PostgresBinaries(configured)
                : throw new InvalidOperationException($"Reach:Postgres:BinDirectory is {configured}, which has no initdb and pg_ctl.");
        }

        if (ExecutableLocator.FindOnPath("initdb") is { } initdb && Has(Path.GetDirectoryName(initdb)!))
        {
            return new PostgresBinaries(Path.GetDirectoryName(initdb)!);
        }

        const string debian = "/usr/lib/postgresql";
        var candidate = Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(Has)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return candidate is not null
            ? new PostgresBinaries(candidate)
            : throw new InvalidOperationException(
                "PostgreSQL server programs (initdb, pg_ctl) were found neither on PATH nor under /usr/lib/postgresql/*/bin. " +
                "Install them (Debian: apt-get install -y postgresql), set Reach:Postgres:BinDirectory, or point ConnectionStrings:reach at a server.");
    }

    private static bool Has(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
