namespace Reach.Bench.Infrastructure;

/// <summary>
/// Builds a Reach service project at run time. The bench does not reference the services it only starts (the channel,
/// the web app): they may be mid-change while the CRM is benchmarked, so a build failure fails only the scenario that
/// needs them, with the compiler's first errors as the reason.
/// </summary>
public static class ServiceBuild
{
    /// <summary>Builds <c>{root}/{project}/{project}.csproj</c> in <paramref name="configuration"/> (quietly; errors only).</summary>
    /// <exception cref="InvalidOperationException">The project does not exist, or the build failed (the message holds its errors).</exception>
    public static async Task BuildAsync(string root, string project, string configuration, CancellationToken cancellationToken)
    {
        var file = Path.Combine(root, project, project + ".csproj");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist");
        }

        Progress.Write($"  building {project} ({configuration})");
        var build = await ChildProcessRunner.RunAsync(CrmCli.DotnetHost(),
            ["build", file, "-c", configuration, "--nologo", "-v", "quiet", "-clp:ErrorsOnly;NoSummary"],
            root, new Dictionary<string, string>(), "    [build] ", cancellationToken);
        if (build.ExitCode != 0)
        {
            var errors = build.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(3).ToList();
            throw new InvalidOperationException(
                $"{project} does not build (exit {build.ExitCode}): {(errors.Count > 0 ? string.Join(" | ", errors) : build.FailureSummary())}");
        }
    }
}
