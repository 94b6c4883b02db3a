namespace Reach.Testing;

/// <summary>Locates the shared data sets (<c>../shared</c> next to the repository, or <c>REACH_SHARED_DIR</c>).</summary>
public static class TestData
{
    /// <summary>The shared folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No <c>shared/</c> folder was found above the test's base directory.</exception>
    public static string SharedDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("REACH_SHARED_DIR") is { Length: > 0 } env)
            {
                return env;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (File.Exists(Path.Combine(candidate, "ARCHITECTURE.md")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("shared/ was not found above " + AppContext.BaseDirectory + "; set REACH_SHARED_DIR");
        }
    }

    /// <summary>The full UCI Online Retail CSV (541,909 rows).</summary>
    public static string OnlineRetailCsv => Path.Combine(SharedDirectory, "data", "online-retail", "online_retail.csv");

    /// <summary>The copilot evaluation goals.</summary>
    public static string CopilotGoals => Path.Combine(SharedDirectory, "eval", "copilot-goals.jsonl");
}
