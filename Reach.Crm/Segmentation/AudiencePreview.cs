namespace Reach.Crm.Segmentation;

/// <summary>
/// The size of an audience and who is in it.
/// </summary>
/// <param name="Count">Customers matching the definition.</param>
/// <param name="Reachable">Of those, how many can be reached per channel (consent and an address).</param>
/// <param name="Sample">Up to 8 matching customers, lowest id first.</param>
/// <param name="Description">The definition in one human line.</param>
/// <param name="ReferenceTime">The time "N days ago" was measured from (UTC).</param>
/// <param name="ElapsedMs">Time the count took, in ms.</param>
public sealed record AudiencePreview(
    long Count,
    ReachableCounts Reachable,
    IReadOnlyList<AudienceMember> Sample,
    string Description,
    DateTimeOffset ReferenceTime,
    double ElapsedMs);

/// <summary>Reachable customers per channel.</summary>
public sealed record ReachableCounts(long Whatsapp, long Sms, long Email, long Rcs);

/// <summary>
/// One customer in a sample.
/// </summary>
/// <param name="IsSynthetic">True when the contact details are the synthetic overlay (show it as such).</param>
/// <param name="TotalSpent">Net spend in the store currency.</param>
public sealed record AudienceMember(
    long Id,
    string? ExternalId,
    string? Name,
    string? Email,
    string? City,
    string? Country,
    int OrderCount,
    decimal TotalSpent,
    DateTimeOffset? LastOrderAt,
    bool IsSynthetic);
