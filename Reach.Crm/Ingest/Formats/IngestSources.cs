using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Reach.Crm.Ingest.Formats;

/// <summary>Turns an uploaded stream (CSV or a JSON array) into streamed rows of a format.</summary>
public static class IngestSources
{
    /// <summary>Customers in Reach's format from CSV.</summary>
    public static IngestSource<CustomerRecord> CustomersCsv(Stream stream, CancellationToken ct)
    {
        var warnings = new List<RowError>();
        return new("reach-csv", FromCsv(stream, CustomerFormat.Columns, [], "customer", warnings, CustomerFormat.Map, ct), warnings);
    }

    /// <summary>Customers in Reach's format from a JSON array of objects.</summary>
    public static IngestSource<CustomerRecord> CustomersJson(Stream stream, CancellationToken ct)
    {
        var warnings = new List<RowError>();
        return new("reach-json", FromJson(stream, CustomerFormat.Columns, warnings, CustomerFormat.Map, ct), warnings);
    }

    /// <summary>Order lines in Reach's format from CSV.</summary>
    public static IngestSource<OrderLineRecord> OrdersCsv(Stream stream, string defaultCurrency, CancellationToken ct)
    {
        var warnings = new List<RowError>();
        return new("reach-csv", FromCsv(stream, OrderFormat.Columns, OrderFormat.Required, "order", warnings, s => OrderFormat.Map(s, defaultCurrency), ct), warnings);
    }

    /// <summary>Order lines in Reach's format from a JSON array of objects.</summary>
    public static IngestSource<OrderLineRecord> OrdersJson(Stream stream, string defaultCurrency, CancellationToken ct)
    {
        var warnings = new List<RowError>();
        return new("reach-json", FromJson(stream, OrderFormat.Columns, warnings, s => OrderFormat.Map(s, defaultCurrency), ct), warnings);
    }

    /// <summary>The UCI Online Retail CSV (<see cref="OnlineRetailFormat"/>).</summary>
    public static IngestSource<OrderLineRecord> OnlineRetailCsv(Stream stream, CancellationToken ct)
    {
        var warnings = new List<RowError>();
        return new(OnlineRetailFormat.Name, FromCsv(stream, OnlineRetailFormat.Columns, OnlineRetailFormat.Columns, OnlineRetailFormat.Name, warnings, MapOnlineRetail, ct), warnings);

        static ParsedRow<OrderLineRecord> MapOnlineRetail(IFieldSource s)
        {
            var row = OnlineRetailFormat.Map(s, out var country);
            return row.Value is { } v ? row with { Value = v with { CustomerCountry = country } } : row;
        }
    }

    private static async IAsyncEnumerable<ParsedRow<T>> FromCsv<T>(
        Stream stream, IReadOnlyCollection<string> known, IReadOnlyCollection<string> required, string format,
        List<RowError> warnings, Func<IFieldSource, ParsedRow<T>> map, [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        CsvHeader? header = null;
        await foreach (var row in CsvRowReader.ReadAsync(stream, ct))
        {
            if (row.IsHeader)
            {
                header = CsvHeader.Parse(row, known, required, $"{format}");
                warnings.AddRange(header.Warnings);
                continue;
            }

            var source = new CsvFieldSource(header!, row);
            if (source.HasExtraFields)
            {
                yield return ParsedRow<T>.Bad(row.Line, [new RowError(row.Line, $"#{header!.Width + 1}",
                    $"the row has {row.Fields.Length} fields but the header names {header.Width} columns (an unquoted comma?)")]);
                continue;
            }

            yield return map(source);
        }

        if (header is null)
        {
            throw new IngestFormatException(1, null, "the file is empty; a CSV needs a header row");
        }
    }

    private static async IAsyncEnumerable<ParsedRow<T>> FromJson<T>(
        Stream stream, IReadOnlyCollection<string> known, List<RowError> warnings,
        Func<IFieldSource, ParsedRow<T>> map, [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        long item = 0;
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: ct))
        {
            item++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                yield return ParsedRow<T>.Bad(item, [new RowError(item, null, $"item {item} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object")]);
                continue;
            }

            var source = new JsonFieldSource(element, item);
            foreach (var name in source.UnknownProperties(known))
            {
                if (unknown.Add(name))
                {
                    warnings.Add(new RowError(item, name, $"unknown property '{name}' was ignored; known: {string.Join(", ", known)}"));
                }
            }

            yield return map(source);
        }
    }
}
