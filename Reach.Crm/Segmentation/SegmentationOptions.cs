namespace Reach.Crm.Segmentation;

/// <summary>Section <c>Reach:Segmentation</c>.</summary>
public sealed class SegmentationOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Segmentation";

    /// <summary>
    /// The reference time "N days ago" is measured from; null means now. Set it to replay a historical data
    /// set, e.g. <c>2011-12-10T00:00:00Z</c> for Online Retail (its last invoice is 2011-12-09).
    /// </summary>
    public DateTimeOffset? AsOf { get; set; }

    /// <summary>
    /// PostgreSQL parallel workers an audience count may use (<c>max_parallel_workers_per_gather</c>, set for the count's
    /// transaction only; clamped to 0–8). None by default: since a count tests bits and whole numbers in a narrow facts
    /// row, a serial scan of 1,000,000 customers beats starting a worker on the 2-core reference machine — a new worker
    /// process first maps the shared buffers it reads (the eval audiences through the API: p95 188–198 ms with none,
    /// 253 ms with one; a bare count 37 ms vs 62 ms; bench/RESULTS.md). Raise it on a database with more cores.
    /// </summary>
    public int MaxParallelWorkers { get; set; }
}
