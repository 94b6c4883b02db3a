namespace Reach.Channel.Simulation;

/// <summary>
/// Faults injected on purpose so the CRM's receipt ingest is exercised (ARCHITECTURE §7), section
/// <c>Reach:Channel:Faults</c>. Rates are probabilities (0–1); 0 turns a fault off.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Share of events sent a second time, later and in another batch, with the same <c>event_id</c> (default 0.05).</summary>
    public double DuplicateRate { get; set; } = 0.05;

    /// <summary>
    /// Share of non-terminal events held back until after the next stage's event was emitted, so a later stage
    /// reaches the CRM first, e.g. <c>read</c> before <c>delivered</c> (default 0.05).
    /// </summary>
    public double HoldBackRate { get; set; } = 0.05;

    /// <summary>Whether the events of each receipt batch are shuffled (default true).</summary>
    public bool ShuffleBatches { get; set; } = true;

    /// <summary>
    /// Share of receipt batch attempts whose 2xx answer is treated as lost: the CRM applied the batch, the channel
    /// retries it with the same <c>webhook-id</c> and body (default 0.02).
    /// </summary>
    public double TransientFailureRate { get; set; } = 0.02;
}
