using System.Diagnostics;
using System.Net;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// A Reach service (<c>dotnet Reach.X.dll</c>) run as a long-lived child web server on a free loopback port. Its
/// output is forwarded to standard error with a prefix, and it is ready once <c>/health</c> answers 200. Stopping
/// sends <c>SIGTERM</c> and kills it after 15 s.
/// </summary>
public sealed partial class BenchService : IAsyncDisposable
{
    private const int TailLines = 60;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Dictionary<string, int> _exceptions = new();
    private readonly string _prefix;

    private BenchService(string name, string url, Process process)
    {
        Name = name;
        Url = url;
        _process = process;
        _prefix = $"    [{name}] ";
    }

    /// <summary>The service's short name (<c>crm</c>, <c>channel</c>), used as the output prefix.</summary>
    public string Name { get; }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>The process id (for memory sampling).</summary>
    public int Pid => _process.Id;

    /// <summary>The last lines the service wrote (for failure messages).</summary>
    public string OutputTail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>
    /// Exceptions the service logged so far, most frequent first, e.g. <c>5× Npgsql.PostgresException (0x80004005): 40P01: deadlock detected</c>
    /// (empty when none).
    /// </summary>
    public IReadOnlyList<string> LoggedExceptions
    {
        get
        {
            lock (_tail)
            {
                return _exceptions.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value}× {kv.Key}").ToList();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="assembly"/></c> with <paramref name="environment"/> (plus <c>ASPNETCORE_URLS</c> on a
    /// free port) and waits until <c>/health</c> answers 200.
    /// </summary>
    /// <exception cref="FileNotFoundException">The assembly does not exist.</exception>
    /// <exception cref="InvalidOperationException">The service exited before it was healthy.</exception>
    /// <exception cref="TimeoutException">It was not healthy within <paramref name="timeout"/>.</exception>
    public static async Task<BenchService> StartAsync(
        string name, string assembly, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} does not exist", assembly);
        }

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var psi = new ProcessStartInfo(CrmCli.DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(assembly);

        // The children export no telemetry, whatever the bench's own environment says.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        psi.Environment["ASPNETCORE_URLS"] = url;

        var process = new Process { StartInfo = psi };
        var service = new BenchService(name, url, process);
        process.OutputDataReceived += (_, e) => service.Forward(e.Data);
        process.ErrorDataReceived += (_, e) => service.Forward(e.Data);
        Progress.Write($"  starting {name} ({Path.GetFileName(assembly)}) on {url}");
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {assembly}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = Stopwatch.StartNew();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"{name} exited with code {process.ExitCode} before it was healthy: {LastMeaningfulLine(service.OutputTail)}");
                }

                if (started.Elapsed > timeout)
                {
                    throw new TimeoutException($"{name} was not healthy after {timeout.TotalSeconds:0} s: {LastMeaningfulLine(service.OutputTail)}");
                }

                try
                {
                    using var response = await http.GetAsync(url + "/health", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Progress.Write($"  {name} healthy after {started.Elapsed.TotalSeconds:0.0} s (pid {process.Id})");
                        return service;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>The current memory figures, or null when the process is gone.</summary>
    public ProcStatus? Memory() => ProcStatus.TryRead(_process.Id);

    /// <summary>Starts sampling this process's memory every 50 ms.</summary>
    public MemorySampler SampleMemory() => MemorySampler.Start(_process.Id);

    /// <summary>Stops the service: <c>SIGTERM</c>, then kill after 15 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        PosixSignals.Terminate(_process.Id);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Progress.Write($"  {Name} did not stop within 15 s of SIGTERM; killing it");
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            await _process.WaitForExitAsync(CancellationToken.None);
        }

        Progress.Write($"  {Name} stopped (exit code {_process.ExitCode})");
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
            _process.Dispose();
        }
    }

    private void Forward(string? line)
    {
        if (line is null)
        {
            return;
        }

        Console.Error.WriteLine(_prefix + line);
        var trimmed = line.Trim();
        lock (_tail)
        {
            if (ExceptionHeadline().IsMatch(trimmed))
            {
                var key = trimmed.Length > 120 ? trimmed[..120] + "…" : trimmed;
                _exceptions[key] = _exceptions.GetValueOrDefault(key) + 1;
            }

            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][\w.]*Exception( \(0x[0-9A-Fa-f]+\))?: ")]
    private static partial System.Text.RegularExpressions.Regex ExceptionHeadline();

    private static string LastMeaningfulLine(string tail)
    {
        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.Contains("Exception", StringComparison.Ordinal) && !l.StartsWith("at ", StringComparison.Ordinal))
            ?? lines.LastOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal))
            ?? "(no output)";
    }
}
