using System.Diagnostics;
using System.Text;

namespace Reach.Bench.Infrastructure;

/// <summary>Runs a child process to completion, timing it and sampling its memory every 50 ms.</summary>
public static class ChildProcessRunner
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);
    private const int StderrTailLines = 40;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>, forwards its standard error to ours with
    /// <paramref name="stderrPrefix"/>, captures its standard output, and waits for it to exit. Cancelling kills it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    public static async Task<ChildRunResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string stderrPrefix,
        CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo
        {
            FileName = fileName,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var stdout = new StringBuilder();
        var stderrTail = new Queue<string>();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Console.Error.WriteLine(stderrPrefix + e.Data);
            lock (stderrTail)
            {
                stderrTail.Enqueue(e.Data);
                if (stderrTail.Count > StderrTailLines)
                {
                    stderrTail.Dequeue();
                }
            }
        };

        var rusageBefore = ChildResourceUsage.MaxChildPeakRssBytes();
        var stopwatch = Stopwatch.StartNew();
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {fileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pid = process.Id;

        long hwm = 0, maxRss = 0;
        var samples = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(SampleInterval);
            do
            {
                if (ProcStatus.TryRead(pid) is { } status)
                {
                    // VmHWM only grows: the last value read before exit is the closest to the true peak.
                    hwm = Math.Max(hwm, status.HighWaterMarkBytes);
                    maxRss = Math.Max(maxRss, status.RssBytes);
                    samples++;
                }
            }
            while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false));
        }, CancellationToken.None);

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            throw;
        }
        finally
        {
            stopwatch.Stop();
            await sampling.CancelAsync();
            try
            {
                await sampler;
            }
            catch (OperationCanceledException)
            {
            }
        }

        // WaitForExitAsync also waits for the redirected streams to reach end of file.
        var rusageAfter = ChildResourceUsage.MaxChildPeakRssBytes();
        long? rusagePeak = rusageAfter is { } after && (rusageBefore is null || after > rusageBefore) ? after : null;
        string output, tail;
        lock (stdout)
        {
            output = stdout.ToString();
        }

        lock (stderrTail)
        {
            tail = string.Join('\n', stderrTail);
        }

        return new ChildRunResult(process.ExitCode, output, tail, stopwatch.Elapsed, hwm, maxRss, samples, rusagePeak);
    }
}
