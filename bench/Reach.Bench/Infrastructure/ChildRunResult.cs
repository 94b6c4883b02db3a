namespace Reach.Bench.Infrastructure;

/// <summary>How a child process ran.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StandardOutput">Everything it wrote to standard output.</param>
/// <param name="StandardErrorTail">The last lines it wrote to standard error (for failure messages).</param>
/// <param name="Wall">Wall time from start to exit.</param>
/// <param name="PeakRssBytes">The last <c>VmHWM</c> read before it exited (the kernel's peak RSS), or 0 when none was read.</param>
/// <param name="MaxSampledRssBytes">The largest <c>VmRSS</c> seen while polling every 50 ms.</param>
/// <param name="Samples">How many times <c>/proc/&lt;pid&gt;/status</c> was read.</param>
/// <param name="RusagePeakRssBytes">The child's exact peak RSS from <c>getrusage(RUSAGE_CHILDREN)</c> when that maximum grew
/// while the child ran, else null.</param>
public sealed record ChildRunResult(
    int ExitCode,
    string StandardOutput,
    string StandardErrorTail,
    TimeSpan Wall,
    long PeakRssBytes,
    long MaxSampledRssBytes,
    int Samples,
    long? RusagePeakRssBytes)
{
    /// <summary>The best peak-RSS figure in MB: the largest of the high-water mark, the sampled RSS and the rusage figure.</summary>
    public double PeakRssMb => Math.Max(Math.Max(PeakRssBytes, MaxSampledRssBytes), RusagePeakRssBytes ?? 0) / (1024.0 * 1024.0);

    /// <summary>Returns this result when the exit code is 0.</summary>
    /// <exception cref="InvalidOperationException">The process failed; the message names the error it reported last.</exception>
    public ChildRunResult EnsureSuccess(string what) =>
        ExitCode == 0
            ? this
            : throw new InvalidOperationException($"{what} exited with code {ExitCode} after {Wall.TotalSeconds:0.0} s: {FailureSummary()}");

    /// <summary>The most telling line of the standard error tail: an unhandled exception, else the last exception line, else the last line.</summary>
    public string FailureSummary()
    {
        var lines = StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const string unhandled = "Unhandled exception. ";
        var summary = lines.LastOrDefault(l => l.StartsWith(unhandled, StringComparison.Ordinal))?[unhandled.Length..]
            ?? lines.LastOrDefault(l => l.Contains("Exception: ", StringComparison.Ordinal) && !l.StartsWith("at ", StringComparison.Ordinal))
            ?? lines.LastOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal))
            ?? "(no output on standard error)";
        return summary;
    }
}
