using Reach.Bench.Infrastructure;

namespace Reach.Bench.Reporting;

/// <summary>Everything one run produced: the header, the settings, and the rows.</summary>
/// <param name="Machine">The header (null when the run failed before PostgreSQL started).</param>
/// <param name="Options">The run's settings.</param>
/// <param name="Scenarios">The scenarios that were run, in order.</param>
/// <param name="Elapsed">The whole run's wall time.</param>
/// <param name="Results">The table's rows.</param>
/// <param name="EndLoadAverage">The 1/5/15-minute load averages when the run ended.</param>
public sealed record RunReport(
    MachineInfo? Machine,
    BenchOptions Options,
    IReadOnlyList<string> Scenarios,
    TimeSpan Elapsed,
    IReadOnlyList<BenchResult> Results,
    string? EndLoadAverage);
