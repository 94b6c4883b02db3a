namespace Reach.Crm.Ingest.Formats;

/// <summary>One input row seen as named text fields, whatever the file format (CSV or JSON).</summary>
public interface IFieldSource
{
    /// <summary>1-based line (CSV) or item (JSON).</summary>
    long Line { get; }

    /// <summary>The trimmed text of <paramref name="column"/>, or null when absent or empty.</summary>
    string? Get(string column);

    /// <summary>The first column whose bytes were not valid UTF-8, or null.</summary>
    string? EncodingError { get; }
}

/// <summary>A CSV row read through its header.</summary>
public sealed class CsvFieldSource(CsvHeader header, CsvRow row) : IFieldSource
{
    /// <inheritdoc />
    public long Line => row.Line;

    /// <inheritdoc />
    public string? Get(string column) => header.Get(row, column);

    /// <inheritdoc />
    public string? EncodingError => header.FindEncodingError(row);

    /// <summary>A row with more fields than the header names.</summary>
    public bool HasExtraFields => row.Fields.Length > header.Width;
}
