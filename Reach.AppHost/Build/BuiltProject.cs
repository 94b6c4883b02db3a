using Reach.AppHost.Processes;

namespace Reach.AppHost.Build;

/// <summary>A project's build output and how to run it.</summary>
/// <param name="ProjectFile">The project file.</param>
/// <param name="AssemblyPath">The main assembly (<c>bin/…/Name.dll</c>).</param>
public sealed record BuiltProject(string ProjectFile, string AssemblyPath)
{
    /// <summary>
    /// Whether the output is self-contained (its <c>runtimeconfig.json</c> lists <c>includedFrameworks</c>), as
    /// <c>Reach.Web</c> is: it carries its own .NET 9 runtime, which this machine does not have.
    /// </summary>
    public bool IsSelfContained
    {
        get
        {
            var config = Path.ChangeExtension(AssemblyPath, ".runtimeconfig.json");
            return File.Exists(config) && File.ReadAllText(config).Contains("\"includedFrameworks\"", StringComparison.Ordinal);
        }
    }

    /// <summary>The program and arguments: the apphost executable when self-contained, else <c>dotnet &lt;dll&gt;</c>.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command
    {
        get
        {
            if (IsSelfContained)
            {
                var exe = Path.ChangeExtension(AssemblyPath, OperatingSystem.IsWindows() ? ".exe" : null);
                if (File.Exists(exe))
                {
                    return (exe, []);
                }
            }

            return (DotnetHost.Path, [AssemblyPath]);
        }
    }
}
