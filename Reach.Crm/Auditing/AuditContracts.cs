using System.Text.Json;

namespace Reach.Crm.Auditing;

/// <summary>One audit entry: <paramref name="Before"/>/<paramref name="After"/> are JSON snapshots (null when not applicable).</summary>
public sealed record AuditEntryResponse(
    long Id, DateTimeOffset OccurredAt, string Actor, string Action, string EntityType, long EntityId, JsonElement? Before, JsonElement? After);

/// <summary>A page of audit entries, newest first; pass <paramref name="NextBefore"/> as <c>before</c> for the next page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? NextBefore);
