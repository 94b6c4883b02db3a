namespace Reach.AppHost.Configuration;

/// <summary>Where the solution and the service projects are, found by walking up from the AppHost's binaries to <c>Reach.Aspire.sln</c>.</summary>
/// <param name="Root">The folder holding <c>Reach.Aspire.sln</c>.</param>
/// <param name="BuildConfiguration">The configuration the AppHost itself was built with (<c>Debug</c> or <c>Release</c>).</param>
public sealed record RepositoryLayout(string Root, string BuildConfiguration)
{
    /// <summary>The solution file name the search looks for.</summary>
    public const string SolutionFileName = "Reach.Aspire.sln";

    /// <summary>The full path of a project file, e.g. <c>ProjectFile("Reach.Crm")</c>.</summary>
    public string ProjectFile(string projectName) => Path.Combine(Root, projectName, projectName + ".csproj");

    /// <summary>The AppHost project's own folder (for generated build files).</summary>
    public string AppHostDirectory => Path.Combine(Root, "Reach.AppHost");

    /// <summary>Locates the solution from <see cref="AppContext.BaseDirectory"/> (then the current directory).</summary>
    /// <exception cref="InvalidOperationException">No ancestor folder holds the solution.</exception>
    public static RepositoryLayout Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return new RepositoryLayout(dir.FullName, OwnConfiguration());
                }
            }
        }

        throw new InvalidOperationException(
            $"{SolutionFileName} was not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run the AppHost from the repository.");
    }

    // bin/<Configuration>/<tfm>/ → <Configuration>
    private static string OwnConfiguration()
    {
        var parts = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
    }
}
