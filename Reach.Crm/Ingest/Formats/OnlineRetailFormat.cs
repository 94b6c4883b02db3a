using System.Globalization;

namespace Reach.Crm.Ingest.Formats;

/// <summary>
/// The UCI Online Retail CSV (<c>InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country</c>):
/// an invoice is an order, a <c>C</c> prefix marks a cancellation (credit note), <c>InvoiceDate</c> is UK local time
/// (converted to UTC), prices are GBP. Rows without a CustomerID are guest checkouts: skipped, not customers.
/// Source: Chen, D. (2015), Online Retail, UCI Machine Learning Repository, doi:10.24432/C5BW33.
/// </summary>
public static class OnlineRetailFormat
{
    /// <summary>The format's name in the API (<c>?format=online-retail</c>).</summary>
    public const string Name = "online-retail";

    /// <summary>Currency of the data set.</summary>
    public const string Currency = "GBP";

    /// <summary>Columns, normalised to snake_case by <see cref="CsvHeader"/>.</summary>
    public static readonly IReadOnlyCollection<string> Columns = new HashSet<string>(StringComparer.Ordinal)
    {
        "invoiceno", "stockcode", "description", "quantity", "invoicedate", "unitprice", "customerid", "country",
    };

    private static readonly TimeZoneInfo London = FindLondon();

    [ThreadStatic]
    private static string? _lastDateText;

    [ThreadStatic]
    private static DateTimeOffset _lastDate;

    /// <summary>Maps one row; <paramref name="country"/> receives the row's country for the customer.</summary>
    public static ParsedRow<OrderLineRecord> Map(IFieldSource source, out string? country)
    {
        var r = new FieldReader(source);
        r.CheckEncoding();
        country = r.Text("country", 200);
        var invoice = r.Required("invoiceno", 20);
        var customer = r.Text("customerid", 20);
        if (customer is null && source.EncodingError is null && r.IsValid)
        {
            return ParsedRow<OrderLineRecord>.Skip(source.Line);
        }

        if (customer is not null && !customer.All(char.IsAsciiDigit))
        {
            if (decimal.TryParse(customer, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d))
            {
                customer = ((long)d).ToString(CultureInfo.InvariantCulture); // "17850.0" as some exports write it
            }
            else
            {
                r.Fail("CustomerID", $"'{customer}' is not a customer number");
            }
        }

        var sku = r.Required("stockcode", 100);
        var description = r.Text("description", 500);
        var quantity = r.Integer("quantity", required: true);
        var price = r.Decimal("unitprice", required: true);
        DateTimeOffset? orderedAt = null;
        var dateText = source.Get("invoicedate");
        if (dateText is null)
        {
            r.Fail("InvoiceDate", "is missing; a date such as 2011-12-09 12:50:00 is required");
        }
        else if (dateText == _lastDateText)
        {
            orderedAt = _lastDate; // the rows of an invoice repeat its time: parse and convert once
        }
        else if (LocalTimestampText.TryParse(dateText, out var local)
            || DateTime.TryParseExact(dateText, "M/d/yyyy H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            orderedAt = ToUtc(local);
            (_lastDateText, _lastDate) = (dateText, orderedAt.Value);
        }
        else
        {
            r.Fail("InvoiceDate", $"'{dateText}' is not a date; expected YYYY-MM-DD HH:MM:SS (UK local time)");
        }

        var cancellation = invoice?.StartsWith('C') == true;
        if (invoice is not null && !(cancellation ? invoice[1..] : invoice).All(char.IsAsciiDigit))
        {
            r.Fail("InvoiceNo", $"'{invoice}' is not an invoice number (6 digits, a leading C for a cancellation)");
        }

        OrderFormat.CheckAmounts(r, cancellation, quantity, price, "Quantity", "UnitPrice");
        if (!r.IsValid)
        {
            return ParsedRow<OrderLineRecord>.Bad(source.Line, Rename(r.Errors), invoice);
        }

        return ParsedRow<OrderLineRecord>.Ok(source.Line, new OrderLineRecord(
            invoice!, customer!, orderedAt!.Value, Currency, cancellation, sku!, description ?? sku!, null, quantity!.Value, price!.Value));
    }

    private static IReadOnlyList<RowError> Rename(IReadOnlyList<RowError> errors) =>
        errors.Select(e => e with { Column = e.Column is null ? null : ColumnName(e.Column) }).ToList();

    private static string ColumnName(string column) => column switch
    {
        "invoiceno" => "InvoiceNo",
        "stockcode" => "StockCode",
        "description" => "Description",
        "quantity" => "Quantity",
        "invoicedate" => "InvoiceDate",
        "unitprice" => "UnitPrice",
        "customerid" => "CustomerID",
        "country" => "Country",
        _ => column,
    };

    private static DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, London), TimeSpan.Zero);
    }

    private static TimeZoneInfo FindLondon()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
