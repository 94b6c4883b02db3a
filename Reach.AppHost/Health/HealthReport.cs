namespace Reach.AppHost.Health;

/// <summary>The last health check of a running resource.</summary>
/// <param name="Healthy">Whether it answered as expected.</param>
/// <param name="Detail">What went wrong, when it did not.</param>
/// <param name="CheckedAt">When it was checked.</param>
public sealed record HealthReport(bool Healthy, string? Detail, DateTimeOffset CheckedAt);
