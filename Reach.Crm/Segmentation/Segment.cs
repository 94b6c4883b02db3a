using System.Text.Json;

namespace Reach.Crm.Segmentation;

/// <summary>A saved audience: a filter DSL definition (ARCHITECTURE §5) with its last count.</summary>
public sealed class Segment
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The filter DSL as JSON (jsonb).</summary>
    public required JsonDocument Definition { get; set; }

    /// <summary><c>copilot</c> or <c>manual</c>.</summary>
    public required string CreatedVia { get; set; }

    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? LastCount { get; set; }
    public DateTimeOffset? LastCountedAt { get; set; }

    /// <summary>Time the last count took, in ms.</summary>
    public double? LastCountMs { get; set; }
}
