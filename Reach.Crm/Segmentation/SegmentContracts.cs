using System.Text.Json;

namespace Reach.Crm.Segmentation;

/// <summary>A saved segment as the API returns it.</summary>
/// <param name="Definition">The filter DSL.</param>
/// <param name="Summary">The definition in one human line.</param>
/// <param name="LastCount">Customers matching when last counted.</param>
/// <param name="LastCountMs">Time that count took, in ms.</param>
/// <param name="CampaignCount">Campaigns using the segment (it can't be deleted while any do).</param>
public sealed record SegmentResponse(
    long Id,
    string Name,
    string? Description,
    JsonElement Definition,
    string Summary,
    string CreatedVia,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    int? LastCount,
    DateTimeOffset? LastCountedAt,
    double? LastCountMs,
    int CampaignCount);

/// <summary>A validation failure as returned in problem details' <c>errors</c>.</summary>
public sealed record DefinitionError(string Path, string Message);
