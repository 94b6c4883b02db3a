namespace Reach.Bench.Reporting;

/// <summary>How a figure is compared with its target.</summary>
public enum Comparison
{
    /// <summary>The figure must be at most the target (times, memory).</summary>
    AtMost,

    /// <summary>The figure must be at least the target (throughput).</summary>
    AtLeast,
}
