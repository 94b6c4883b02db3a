namespace Reach.Crm.Ingest.Formats;

/// <summary>The input as a whole cannot be read (e.g. a required column is missing); nothing is imported.</summary>
public sealed class IngestFormatException(long line, string? column, string reason) : Exception(reason)
{
    /// <summary>1-based line (or JSON item) at fault.</summary>
    public long Line { get; } = line;

    /// <summary>The column at fault, if any.</summary>
    public string? Column { get; } = column;
}
