namespace Reach.Crm.Ingest;

/// <summary>
/// One input row after parsing: a value, or the errors that reject it, or a skip.
/// </summary>
/// <param name="Line">1-based line (CSV) or item (JSON).</param>
/// <param name="Value">The parsed record; null when rejected or skipped.</param>
/// <param name="Errors">Why the row is rejected; empty when accepted.</param>
/// <param name="Skipped">True for rows that are not ours to import (guest checkouts).</param>
/// <param name="GroupKey">For order lines: the order id the row names even when rejected, so the whole order is held back.</param>
public readonly record struct ParsedRow<T>(long Line, T? Value, IReadOnlyList<RowError> Errors, bool Skipped = false, string? GroupKey = null)
    where T : class
{
    /// <summary>An accepted row.</summary>
    public static ParsedRow<T> Ok(long line, T value) => new(line, value, []);

    /// <summary>A rejected row.</summary>
    public static ParsedRow<T> Bad(long line, IReadOnlyList<RowError> errors, string? groupKey = null) => new(line, null, errors, false, groupKey);

    /// <summary>A row that is not ours to import.</summary>
    public static ParsedRow<T> Skip(long line) => new(line, null, [], true);
}
