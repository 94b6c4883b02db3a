namespace Reach.Bench;

/// <summary>Finds the repository root (the folder holding <c>Reach.Aspire.sln</c>).</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root above the working directory or the bench's base directory, or null when neither lies inside it.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reach.Aspire.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
