namespace Reach.AppHost.Processes;

/// <summary>Finds executables on <c>PATH</c>.</summary>
public static class ExecutableLocator
{
    /// <summary>The full path of <paramref name="name"/> in the first <c>PATH</c> folder that has it, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : [name];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names)
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
