namespace Reach.AppHost.Seeding;

/// <summary>The parts of the CRM's ingest report (<c>POST /api/ingest/demo</c> answers one per kind) the AppHost prints.</summary>
/// <param name="Kind">What was ingested (<c>customers</c>, <c>orders</c>).</param>
/// <param name="Rows">Input rows by outcome.</param>
/// <param name="Customers">Customers by outcome.</param>
/// <param name="Orders">Orders by outcome, for order ingests.</param>
/// <param name="ElapsedMs">How long it took.</param>
public sealed record IngestReportSummary(string Kind, IngestRowCounts Rows, IngestEntityCounts? Customers, IngestEntityCounts? Orders, long ElapsedMs);

/// <summary>Input rows by outcome.</summary>
public sealed record IngestRowCounts(long Read, long Inserted, long Updated, long Unchanged, long Rejected, long Skipped);

/// <summary>Entities by outcome.</summary>
public sealed record IngestEntityCounts(long Inserted, long Updated, long Unchanged);
