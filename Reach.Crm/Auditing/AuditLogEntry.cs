using System.Text.Json;

namespace Reach.Crm.Auditing;

/// <summary>Who did what to which campaign or segment, and when.</summary>
public sealed class AuditLogEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>User name, or <c>copilot</c> / <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>e.g. <c>campaign.staged</c>, <c>campaign.approved</c>, <c>segment.created</c>.</summary>
    public required string Action { get; set; }

    /// <summary><c>campaign</c> or <c>segment</c>.</summary>
    public required string EntityType { get; set; }

    public long EntityId { get; set; }
    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }
}
