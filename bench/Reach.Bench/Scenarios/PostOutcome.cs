using Reach.Bench.Infrastructure;

namespace Reach.Bench.Scenarios;

/// <summary>What posting a set of receipt bodies achieved.</summary>
/// <param name="Applied">Events the CRM recorded as new.</param>
/// <param name="Duplicate">Events it had already.</param>
/// <param name="Unknown">Events for communications it doesn't have.</param>
/// <param name="Wall">From the first request to the last answer.</param>
/// <param name="Latency">Per-request times, in ms.</param>
public sealed record PostOutcome(int Applied, int Duplicate, int Unknown, TimeSpan Wall, Latencies Latency);
