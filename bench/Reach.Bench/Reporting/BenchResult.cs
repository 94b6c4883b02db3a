namespace Reach.Bench.Reporting;

/// <summary>One row of the results table.</summary>
/// <param name="Scenario">The scenario that measured it.</param>
/// <param name="Figure">What was measured.</param>
/// <param name="Value">The measured number, or null for a text-only row (counts summaries, failures).</param>
/// <param name="Unit">The unit of <paramref name="Value"/> (empty for plain counts).</param>
/// <param name="Display">The value as shown in the table.</param>
/// <param name="Baseline">What the same work costs by the plainest means, measured in the same run (null: none).</param>
/// <param name="Target">The figure's target on 2 cores (null: reported only).</param>
/// <param name="Met">Whether <paramref name="Target"/> was met (null: no target, or failed).</param>
/// <param name="Error">Why the scenario failed, when this row records a failure.</param>
public sealed record BenchResult(
    string Scenario,
    string Figure,
    double? Value,
    string Unit,
    string Display,
    Baseline? Baseline,
    Target? Target,
    bool? Met,
    string? Error)
{
    /// <summary>The table's "met?" cell.</summary>
    public string MetCell => Error is not null ? "FAILED" : Met switch { true => "yes", false => "**no**", null => "—" };
}
