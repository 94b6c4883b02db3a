namespace Reach.Crm.Ingest;

/// <summary>
/// Rows to ingest, streamed, with the file-level warnings found while reading them (filled as the rows are read,
/// so read them only after the rows are consumed).
/// </summary>
/// <param name="Format">Name of the input format, for the report.</param>
/// <param name="Rows">The rows, read lazily from the input.</param>
/// <param name="Warnings">File-level warnings, e.g. unknown columns.</param>
public sealed record IngestSource<T>(string Format, IAsyncEnumerable<ParsedRow<T>> Rows, List<RowError> Warnings) where T : class;
