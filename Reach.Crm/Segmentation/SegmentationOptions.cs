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
    /// transaction only; clamped to 0–8). The leader scans too, so on the 2-core reference machine one worker beat
    /// PostgreSQL's default of two: a 1 M-row scan for a broad audience took 271 ms with one worker, 380 ms with two and
    /// 452 ms with none (bench/RESULTS.md). Raise it with the database's cores.
    /// </summary>
    public int MaxParallelWorkers { get; set; } = 1;
}
