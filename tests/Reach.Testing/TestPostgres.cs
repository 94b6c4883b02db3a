namespace Reach.Testing;

/// <summary>
/// The one throwaway cluster a test process shares; each test class makes its own database on it.
/// Started on first use, stopped when the process exits (also after failures).
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<PostgresCluster>> Cluster = new(() => PostgresCluster.StartAsync());

    /// <summary>The shared cluster.</summary>
    public static Task<PostgresCluster> GetAsync() => Cluster.Value;

    /// <summary>A fresh, empty database for one test class.</summary>
    public static async Task<string> CreateDatabaseAsync(string hint) =>
        await (await GetAsync()).CreateDatabaseAsync(hint);
}
