namespace Reach.Bench.Infrastructure;

/// <summary>
/// Runs <c>Reach.Crm</c> CLI verbs (<c>import-online-retail</c>, <c>seed-demo</c>, …) as child processes from the
/// bench's own output folder (the Release build of <c>Reach.Crm</c>, copied there by the project reference), so their
/// time and memory are the CRM's alone.
/// </summary>
public static class CrmCli
{
    /// <summary>The CRM assembly next to the bench.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "Reach.Crm.dll");

    /// <summary>
    /// Runs <c>dotnet Reach.Crm.dll <paramref name="arguments"/></c> against <paramref name="connectionString"/>
    /// (<c>ConnectionStrings__reach</c>). Its log goes to standard error (forwarded, prefixed <c>[crm]</c>) so that
    /// standard output holds only the JSON report.
    /// </summary>
    /// <exception cref="FileNotFoundException">Reach.Crm.dll is not next to the bench.</exception>
    public static Task<ChildRunResult> RunAsync(string connectionString, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new FileNotFoundException("Reach.Crm.dll is not in the bench's output folder; build bench/Reach.Bench", AssemblyPath);
        }

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__reach"] = connectionString,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__Console__LogToStandardErrorThreshold"] = "Trace",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning",
        };
        return ChildProcessRunner.RunAsync(
            DotnetHost(), [AssemblyPath, .. arguments], AppContext.BaseDirectory, environment, "    [crm] ", cancellationToken);
    }

    /// <summary>The <c>dotnet</c> host running the bench, else the one named by <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
