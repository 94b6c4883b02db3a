namespace Reach.Bench.Infrastructure;

/// <summary>What <see cref="MemorySampler"/> saw of a process's memory during one window.</summary>
/// <param name="StartRssBytes">VmRSS when the window opened.</param>
/// <param name="MaxRssBytes">The largest VmRSS sampled (every 50 ms) during the window.</param>
/// <param name="HighWaterMarkBytes">VmHWM when the window closed: the process's peak RSS since it started, which
/// includes the window (and anything before it).</param>
/// <param name="Samples">How many times <c>/proc/&lt;pid&gt;/status</c> was read.</param>
public readonly record struct MemoryWindow(long StartRssBytes, long MaxRssBytes, long HighWaterMarkBytes, int Samples)
{
    private const double Mb = 1024.0 * 1024.0;

    /// <summary>The peak in MB: the larger of the sampled maximum and the high-water mark.</summary>
    public double PeakMb => Math.Max(MaxRssBytes, HighWaterMarkBytes) / Mb;

    /// <summary>A one-line description for the table.</summary>
    public string Describe() =>
        $"VmHWM {HighWaterMarkBytes / Mb:0} MB, max sampled VmRSS {MaxRssBytes / Mb:0} MB, VmRSS at start {StartRssBytes / Mb:0} MB, {Samples} samples";
}
