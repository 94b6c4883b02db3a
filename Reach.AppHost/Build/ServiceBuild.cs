using System.Diagnostics;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reach.AppHost.Configuration;
using Reach.AppHost.Processes;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Build;

/// <summary>
/// Builds the service projects once, at start, with one <c>dotnet build</c> of a generated traversal project (one
/// MSBuild process, shared references built once), and tells each project where its output is. A project that fails
/// to build doesn't stop the others.
/// </summary>
public sealed class ServiceBuild(CommandRunner commands, RepositoryLayout repository, IOptions<AppHostOptions> options, ILogger<ServiceBuild> logger)
{
    private const string BuiltItem = "ReachBuilt";

    /// <summary>How MSBuild reports an output file another process has open (the IOException's message).</summary>
    private const string LockedFile = "because it is being used by another process";

    /// <summary>Builds tried when outputs are locked by a concurrent build, and the wait between them.</summary>
    private const int LockedOutputAttempts = 4;

    private static readonly TimeSpan LockedOutputDelay = TimeSpan.FromSeconds(3);
    private readonly Lock _lock = new();
    private Task<IReadOnlyDictionary<string, BuildResult>>? _build;

    /// <summary>The build configuration used: <c>Reach:Build:Configuration</c>, else the AppHost's own.</summary>
    public string Configuration => options.Value.Build.Configuration is { Length: > 0 } c ? c : repository.BuildConfiguration;

    /// <summary>Begins building <paramref name="projects"/> (once; later calls return at once).</summary>
    public void Start(IReadOnlyCollection<ProjectResource> projects, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _build ??= options.Value.Build.Enabled
                ? Task.Run(() => BuildAsync(projects.Select(p => p.ProjectFile).ToArray(), cancellationToken), cancellationToken)
                : Task.FromResult(LocateExisting(projects.Select(p => p.ProjectFile)));
        }
    }

    /// <summary>Whether the build has finished.</summary>
    public bool IsCompleted => _build?.IsCompleted ?? false;

    /// <summary>Waits for the build and returns <paramref name="project"/>'s output.</summary>
    /// <exception cref="InvalidOperationException">It failed to build (the message holds the errors).</exception>
    public async Task<BuiltProject> GetOutputAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, BuildResult>> build;
        lock (_lock)
        {
            build = _build ?? throw new InvalidOperationException("The build was not started.");
        }

        var results = await build.WaitAsync(cancellationToken);
        return results.TryGetValue(project.ProjectFile, out var result) && result.Output is { } output
            ? output
            : throw new InvalidOperationException($"{Path.GetFileName(project.ProjectFile)} did not build: {result?.Error ?? "no output"}");
    }

    private async Task<IReadOnlyDictionary<string, BuildResult>> BuildAsync(string[] projectFiles, CancellationToken cancellationToken)
    {
        var traversal = WriteTraversal(projectFiles);
        var names = string.Join(", ", projectFiles.Select(Path.GetFileNameWithoutExtension));
        logger.LogInformation("Building {Projects} ({Configuration})", names, Configuration);
        var watch = Stopwatch.StartNew();
        Task<CommandResult> Build() => commands.RunAsync(DotnetHost.Path,
            ["build", traversal, "-t:Build", "-nologo", "-nodeReuse:false", $"-p:Configuration={Configuration}", $"-getItem:{BuiltItem}"],
            workingDirectory: repository.Root, cancellationToken: cancellationToken);
        var result = await Build();
        // Another build writing the same outputs at the same time (an IDE, or `dotnet test` building the solution while
        // a test starts the AppHost) fails ours with a locked file (MSB4018 IOException); the files are fine once it is
        // done, so build again — incrementally, a few seconds — rather than fail the service.
        for (var attempt = 2; attempt <= LockedOutputAttempts && result.ExitCode != 0 && result.Output.Contains(LockedFile, StringComparison.Ordinal); attempt++)
        {
            logger.LogWarning("A build output of {Projects} was locked by another build; building again in {Seconds} s (attempt {Attempt} of {Attempts})",
                names, LockedOutputDelay.TotalSeconds, attempt, LockedOutputAttempts);
            await Task.Delay(LockedOutputDelay, cancellationToken);
            result = await Build();
        }

        var built = ParseBuiltItems(result.StandardOutput);
        var errors = result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains("error MSB", StringComparison.Ordinal) || l.Contains("error NU", StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        var results = new Dictionary<string, BuildResult>(StringComparer.Ordinal);
        foreach (var project in projectFiles)
        {
            if (built.TryGetValue(project, out var assembly) && File.Exists(assembly))
            {
                results[project] = new BuildResult(new BuiltProject(project, assembly), null);
                continue;
            }

            var own = errors.Where(e => e.Contains(project, StringComparison.Ordinal)).ToArray();
            var shown = (own.Length > 0 ? own : errors).Take(10).ToArray();
            var error = shown.Length > 0 ? string.Join(Environment.NewLine, shown) : $"dotnet build exited with {result.ExitCode}: {Tail(result.Output)}";
            results[project] = new BuildResult(null, error);
        }

        var failed = results.Where(r => r.Value.Output is null).Select(r => Path.GetFileNameWithoutExtension(r.Key)).ToArray();
        if (failed.Length == 0)
        {
            logger.LogInformation("Built {Projects} in {Seconds:N1} s", names, watch.Elapsed.TotalSeconds);
        }
        else
        {
            logger.LogError("Build failed for {Projects} after {Seconds:N1} s:{NewLine}{Errors}",
                string.Join(", ", failed), watch.Elapsed.TotalSeconds, Environment.NewLine, string.Join(Environment.NewLine, errors.Take(20)));
        }

        return results;
    }

    private IReadOnlyDictionary<string, BuildResult> LocateExisting(IEnumerable<string> projectFiles)
    {
        var results = new Dictionary<string, BuildResult>(StringComparer.Ordinal);
        foreach (var project in projectFiles)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin", Configuration);
            var config = Directory.Exists(bin)
                ? Directory.EnumerateFiles(bin, name + ".runtimeconfig.json", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .OrderByDescending(File.GetLastWriteTimeUtc)
                    .FirstOrDefault()
                : null;
            var assembly = config is null ? null : Path.Combine(Path.GetDirectoryName(config)!, name + ".dll");
            results[project] = assembly is not null && File.Exists(assembly)
                ? new BuildResult(new BuiltProject(project, assembly), null)
                : new BuildResult(null, $"no build output under {bin} (Reach:Build:Enabled is false; build first)");
        }

        return results;
    }

    // One MSBuild process for all services: restore them, then build each (batched, so one failure keeps the others' outputs).
    private string WriteTraversal(IEnumerable<string> projectFiles)
    {
        var items = new StringBuilder();
        foreach (var project in projectFiles)
        {
            items.AppendLine($"    <ReachService Include=\"{SecurityElement.Escape(EscapeMsBuild(project))}\" />");
        }

        var text = $"""
            <!-- Generated by Reach.AppHost at each start: builds the services it runs. -->
            <Project>
              <ItemGroup>
            {items.ToString().TrimEnd()}
              </ItemGroup>
              <Target Name="Restore">
                <MSBuild Projects="@(ReachService)" Targets="Restore" />
              </Target>
              <Target Name="Build" Returns="@({BuiltItem})">
                <MSBuild Projects="%(ReachService.Identity)" Targets="Build" ContinueOnError="true">
                  <Output TaskParameter="TargetOutputs" ItemName="{BuiltItem}" />
                </MSBuild>
              </Target>
            </Project>

            """;
        var dir = Path.Combine(repository.AppHostDirectory, "obj");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "reach-services.proj");
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, string> ParseBuiltItems(string json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = json.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return map;
        }

        try
        {
            using var document = JsonDocument.Parse(json[start..]);
            if (document.RootElement.TryGetProperty("Items", out var items) && items.TryGetProperty(BuiltItem, out var built))
            {
                foreach (var item in built.EnumerateArray())
                {
                    if (item.TryGetProperty("MSBuildSourceProjectFile", out var project) && item.TryGetProperty("FullPath", out var path))
                    {
                        map[project.GetString()!] = path.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // No usable output: every project counts as failed, with the build's errors.
        }

        return map;
    }

    private static string EscapeMsBuild(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal)
            .Replace("$", "%24", StringComparison.Ordinal).Replace("@", "%40", StringComparison.Ordinal)
            .Replace("'", "%27", StringComparison.Ordinal);

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];

    private sealed record BuildResult(BuiltProject? Output, string? Error);
}
