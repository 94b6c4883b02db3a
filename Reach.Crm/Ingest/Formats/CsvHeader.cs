namespace Reach.Crm.Ingest.Formats;

/// <summary>
/// Maps a CSV header onto a format's known columns (case-insensitive, spaces and dashes read as
/// underscores). Unknown columns are ignored with a warning; missing required columns, or no known column at all, are an error.
/// </summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _names;

    private CsvHeader(Dictionary<string, int> index, string[] names, IReadOnlyList<RowError> warnings)
    {
        _index = index;
        _names = names;
        Warnings = warnings;
    }

    /// <summary>Remarks about the header (unknown columns ignored), reported on line 1.</summary>
    public IReadOnlyList<RowError> Warnings { get; }

    /// <summary>Number of columns in the header.</summary>
    public int Width => _names.Length;

    /// <summary>Reads a header against the format's columns.</summary>
    /// <exception cref="IngestFormatException">No column is known, a required column is missing, or a column appears twice.</exception>
    public static CsvHeader Parse(CsvRow header, IReadOnlyCollection<string> known, IReadOnlyCollection<string> required, string format)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var warnings = new List<RowError>();
        var names = new string[header.Fields.Length];
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var raw = header.Fields[i].Trim().TrimStart('\uFEFF');
            var name = Normalise(raw);
            names[i] = name;
            if (!known.Contains(name))
            {
                warnings.Add(new RowError(header.Line, raw,
                    $"unknown column '{raw}' was ignored; the {format} format knows: {string.Join(", ", known)}"));
                continue;
            }

            if (!index.TryAdd(name, i))
            {
                throw new IngestFormatException(header.Line, raw, $"column '{raw}' appears twice in the header");
            }
        }

        if (index.Count == 0)
        {
            throw new IngestFormatException(header.Line, header.Fields.FirstOrDefault() ?? "",
                $"no column of the header is known, so this is not a {format} file; the {format} format knows: {string.Join(", ", known)}");
        }

        var missing = required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new IngestFormatException(header.Line, missing[0],
                $"required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing from the header; the {format} format needs: {string.Join(", ", required)}");
        }

        return new CsvHeader(index, names, warnings);
    }

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>, trimmed; null when absent or empty.</summary>
    public string? Get(CsvRow row, string column)
    {
        if (!_index.TryGetValue(column, out var i) || i >= row.Fields.Length)
        {
            return null;
        }

        var value = row.Fields[i].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The first column of <paramref name="row"/> that holds bytes that were not valid UTF-8, or null.</summary>
    public string? FindEncodingError(CsvRow row)
    {
        for (var i = 0; i < row.Fields.Length; i++)
        {
            if (row.Fields[i].Contains(CsvRowReader.ReplacementChar))
            {
                return i < _names.Length ? _names[i] : $"#{i + 1}";
            }
        }

        return null;
    }

    private static string Normalise(string name) =>
        name.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}
