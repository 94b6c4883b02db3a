namespace Reach.Crm.Ingest;

/// <summary>
/// The answer to an ingest: what happened to every input row. Rows of an order share its fate
/// (an order is inserted, updated or unchanged as a whole).
/// </summary>
/// <param name="Kind"><c>customers</c> or <c>orders</c>.</param>
/// <param name="Format"><c>reach-csv</c>, <c>reach-json</c>, <c>online-retail</c> or <c>demo</c>.</param>
/// <param name="Rows">Row counts: read = inserted + updated + unchanged + rejected + skipped.</param>
/// <param name="Customers">Customers inserted / updated / unchanged (also those created from order rows).</param>
/// <param name="Orders">Orders inserted / updated / unchanged; null for a customer ingest.</param>
/// <param name="Rejected">The rejected rows, each with line, column and reason (at most <see cref="IngestLimits.MaxReportedRejections"/>; <c>Rows.Rejected</c> counts all).</param>
/// <param name="Warnings">File-level remarks that rejected nothing, e.g. an unknown column that was ignored.</param>
/// <param name="ElapsedMs">Wall time of the ingest in milliseconds.</param>
public sealed record IngestReport(
    string Kind,
    string Format,
    RowCounts Rows,
    EntityCounts Customers,
    EntityCounts? Orders,
    IReadOnlyList<RowError> Rejected,
    IReadOnlyList<RowError> Warnings,
    long ElapsedMs);

/// <summary>Input rows by outcome. <paramref name="Skipped"/> are rows that are not ours to import (Online Retail guest checkouts without a CustomerID).</summary>
public sealed record RowCounts(long Read, long Inserted, long Updated, long Unchanged, long Rejected, long Skipped);

/// <summary>Entities by outcome.</summary>
public sealed record EntityCounts(long Inserted, long Updated, long Unchanged)
{
    /// <summary>All zero.</summary>
    public static readonly EntityCounts Zero = new(0, 0, 0);
}

/// <summary>
/// Why a row was not imported.
/// </summary>
/// <param name="Line">1-based physical line of a CSV file (the header is line 1), or the 1-based item of a JSON array.</param>
/// <param name="Column">The column or JSON property at fault, or null when the row as a whole is.</param>
/// <param name="Reason">What was wrong, with the value given and what is allowed.</param>
public sealed record RowError(long Line, string? Column, string Reason);

/// <summary>Limits of the ingest path.</summary>
public static class IngestLimits
{
    /// <summary>Rejected rows listed in a report; beyond this they are only counted.</summary>
    public const int MaxReportedRejections = 1000;
}
