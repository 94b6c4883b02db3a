using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Reach.AppHost.Tests.Infrastructure;

/// <summary>
/// The AppHost started the way a newcomer starts it — <c>dotnet run --project Reach.AppHost</c> from the repository —
/// in its own session (as a terminal would run it), with a temporary PostgreSQL folder and free ports for the
/// dashboard, its OTLP receiver, the web UI and PostgreSQL. Disposal kills whatever is left and deletes the folder.
/// </summary>
public sealed class AppHostRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppHostRun(Process process, string directory, int uiPort, int otlpPort)
    {
        _process = process;
        Directory = directory;
        UiPort = uiPort;
        OtlpPort = otlpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://localhost:{uiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Dashboard = new DashboardClient(Http);
    }

    /// <summary>The repository root (the folder holding <c>Reach.Aspire.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The PostgreSQL folder of this run (<c>Reach:Postgres:Directory</c>).</summary>
    public string Directory { get; }

    /// <summary>The dashboard UI's port.</summary>
    public int UiPort { get; }

    /// <summary>The OTLP/HTTP receiver's port.</summary>
    public int OtlpPort { get; }

    /// <summary>A client of the dashboard UI's address.</summary>
    public HttpClient Http { get; }

    /// <summary>The dashboard's API.</summary>
    public DashboardClient Dashboard { get; }

    /// <summary>The id of the started process (<c>dotnet run</c>), which leads the run's process group.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the AppHost printed.</summary>
    public string Output => string.Join('\n', _output.TakeLast(150));

    /// <summary>Starts <c>setsid dotnet run --project Reach.AppHost -- …</c> in the repository root.</summary>
    public static AppHostRun Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reach-apphost-test-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(directory);
        var (ui, otlp, web, postgres) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "dotnet", "run", "--project", "Reach.AppHost", "-c", configuration, "--",
            $"--Reach:Dashboard:Port={ui}",
            $"--Reach:Dashboard:OtlpPort={otlp}",
            $"--Reach:Web:Url=http://localhost:{web}",
            $"--Reach:Postgres:Port={postgres}",
            $"--Reach:Postgres:Directory={directory}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__reach");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("setsid dotnet run did not start");
        var run = new AppHostRun(process, directory, ui, otlp);
        process.OutputDataReceived += (_, e) => run.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Presses Ctrl+C: SIGINT to the run's process group, as a terminal does; waits for <c>dotnet run</c> to exit.</summary>
    /// <returns>Whether it exited within <paramref name="timeout"/>.</returns>
    public async Task<bool> InterruptAsync(TimeSpan timeout)
    {
        Signal("-INT", -_process.Id);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        var leftovers = ProcessTable.Descendants(_process.Id).Append(_process.Id).ToArray();
        Signal("-KILL", -_process.Id);
        foreach (var pid in leftovers)
        {
            Signal("-KILL", pid);
        }

        await StopPostgresAsync();
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server still shutting down may hold a file; the folder is in the temp folder.
        }
    }

    // A failed test may leave the server running: fast shutdown (SIGINT) to the postmaster of this run's cluster.
    private async Task StopPostgresAsync()
    {
        var pidFile = Path.Combine(Directory, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster))
        {
            return;
        }

        Signal("-INT", postmaster);
        for (var i = 0; i < 50 && ProcessTable.IsAlive(postmaster); i++)
        {
            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    private static void Signal(string signal, int target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, "--", target.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        kill?.WaitForExit(5000);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reach.Aspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reach.Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
