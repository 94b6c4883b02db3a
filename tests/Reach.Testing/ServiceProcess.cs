using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reach.Testing;

/// <summary>
/// A Reach service run as a real process (<c>dotnet Reach.X.dll</c> from its build output) on a loopback port, with
/// the environment the AppHost would give it. Waits for <c>/health</c>; can be stopped (SIGTERM, then kill) and started again on the same port.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly bool _selfContained;
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    /// <summary>Recent output lines (stdout and stderr), for failure messages.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>The service's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>The service's name (<c>crm</c>, <c>channel</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// The build configuration services are run from: <c>Release</c> when the running assembly is a Release build, else
    /// <c>Debug</c>.
    /// </summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private ServiceProcess(string name, string dll, int port, Dictionary<string, string> environment, bool selfContained = false)
    {
        Name = name;
        _dll = dll;
        _selfContained = selfContained;
        Url = $"http://127.0.0.1:{port}";
        _environment = environment;
        _environment["ASPNETCORE_URLS"] = Url;
        _environment["OTEL_SERVICE_NAME"] = name;
    }

    /// <summary>Creates (without starting) the service of project <paramref name="project"/> (e.g. <c>Reach.Crm</c>).</summary>
    /// <exception cref="FileNotFoundException">The project has not been built.</exception>
    public static ServiceProcess Create(string name, string project, IDictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryRoot(), project, "bin", Configuration, "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing; build the solution first", dll);
        }

        return new ServiceProcess(name, dll, FreePort(), new Dictionary<string, string>(environment));
    }

    /// <summary>
    /// Creates (without starting) a self-contained service (e.g. <c>Reach.Web</c>, net9.0 with a runtime identifier),
    /// run through its own executable from <c>bin/{configuration}/{framework}/{rid}/</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The project has not been built.</exception>
    public static ServiceProcess CreateSelfContained(string name, string project, string framework, IDictionary<string, string> environment)
    {
        var folder = Path.Combine(RepositoryRoot(), project, "bin", Configuration, framework);
        var executable = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, project, SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (executable is null)
        {
            throw new FileNotFoundException($"{project}'s executable is missing under {folder}; build the solution first", folder);
        }

        return new ServiceProcess(name, executable, FreePort(), new Dictionary<string, string>(environment), selfContained: true);
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers 200.</summary>
    /// <exception cref="TimeoutException">Not healthy in time; the message holds its recent output.</exception>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(_selfContained ? _dll : "dotnet", _selfContained ? [] : [_dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var (k, v) in _environment)
        {
            psi.Environment[k] = v;
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Name}");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{string.Join('\n', Output)}");
            }

            try
            {
                using var response = await http.GetAsync(Url + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not healthy in time:\n{string.Join('\n', Output)}");
    }

    /// <summary>Stops the process: SIGTERM (graceful), then kill after 10 s.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process?.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Output.Enqueue($"[{Name}] {line}");
        while (Output.Count > 300)
        {
            Output.TryDequeue(out _);
        }
    }

    /// <summary>The repository the services are run from: the folder holding <c>Reach.Aspire.sln</c> above the running assembly.</summary>
    /// <exception cref="DirectoryNotFoundException">There is none.</exception>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reach.Aspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Reach.Aspire.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
