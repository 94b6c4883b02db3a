using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Reach.Crm.Ingest.Formats;

/// <summary>
/// Streams a CSV (RFC 4180, UTF-8, header row) row by row with the physical line number of each row,
/// never holding more than one row in memory. Bytes that are not valid UTF-8 become U+FFFD and are
/// reported by the format mappers as a wrong encoding.
/// </summary>
public sealed class CsvRowReader
{
    /// <summary>The character invalid UTF-8 bytes decode to.</summary>
    public const char ReplacementChar = '\uFFFD';

    private static readonly UTF8Encoding Utf8Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads <paramref name="stream"/> and yields the header once (flagged by <see cref="CsvRow.IsHeader"/>) then every data row.</summary>
    public static async IAsyncEnumerable<CsvRow> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Utf8Lenient, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
            BufferSize = 1 << 16,
        };
        using var parser = new CsvParser(reader, config);
        string[]? header = null;
        while (await parser.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fields = parser.Record ?? [];
            if (header is null)
            {
                header = fields;
                yield return new CsvRow(parser.RawRow, fields, IsHeader: true);
                continue;
            }

            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            yield return new CsvRow(parser.RawRow, fields, IsHeader: false);
        }
    }
}

/// <summary>One CSV record.</summary>
/// <param name="Line">1-based physical line where the record starts.</param>
/// <param name="Fields">The fields as written (unquoted).</param>
/// <param name="IsHeader">True for the header record.</param>
public readonly record struct CsvRow(long Line, string[] Fields, bool IsHeader);
