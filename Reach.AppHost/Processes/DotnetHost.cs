namespace Reach.AppHost.Processes;

/// <summary>The <c>dotnet</c> executable that runs this AppHost (used to build the services and run framework-dependent ones).</summary>
public static class DotnetHost
{
    /// <summary>The path of <c>dotnet</c>: this process's host, else <c>DOTNET_HOST_PATH</c>, else <c>DOTNET_ROOT/dotnet</c>, else PATH.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var own = Environment.ProcessPath;
        if (own is not null && string.Equals(System.IO.Path.GetFileName(own), exe, StringComparison.OrdinalIgnoreCase))
        {
            return own;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(System.IO.Path.Combine(root, exe)))
        {
            return System.IO.Path.Combine(root, exe);
        }

        return ExecutableLocator.FindOnPath("dotnet") ?? "dotnet";
    }
}
