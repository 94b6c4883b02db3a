using Reach.AppHost.Processes;

namespace Reach.AppHost.Resources;

/// <summary>A .NET service of the solution (<c>crm</c>, <c>channel</c>, <c>web</c>), run as a child process.</summary>
/// <param name="name">The resource name.</param>
/// <param name="projectFile">The full path of its <c>.csproj</c>.</param>
/// <param name="url">The address it listens on (<c>ASPNETCORE_URLS</c>, and what referencing services are given).</param>
/// <param name="logCapacity">How many output lines are kept.</param>
public sealed class ProjectResource(string name, string projectFile, string url, int logCapacity) : Resource(name, logCapacity)
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Type => "Project";

    /// <summary>The full path of the project file.</summary>
    public string ProjectFile { get; } = projectFile;

    /// <summary>The project's folder (the service's working directory and content root).</summary>
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>The base address, without a trailing slash, e.g. <c>http://127.0.0.1:5081</c>.</summary>
    public string Url { get; } = url.TrimEnd('/');

    /// <summary>Extra environment variables for this service only.</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>The running process, while there is one (owned by the runner).</summary>
    public ChildProcess? Process { get; set; }

    /// <summary>Set by the runner while a stop it asked for is in progress, so an exit is not reported as a crash.</summary>
    public bool StopRequested { get; set; }

    /// <summary>Adds an environment variable for this service.</summary>
    public ProjectResource WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }
}
