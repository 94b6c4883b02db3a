using System.Globalization;

namespace Reach.Crm.Ingest.Formats;

/// <summary>Reads typed values out of one row and collects every error with its column, so a row reports all that is wrong at once.</summary>
public sealed class FieldReader(IFieldSource source)
{
    private List<RowError>? _errors;

    /// <summary>The errors found so far.</summary>
    public IReadOnlyList<RowError> Errors => (IReadOnlyList<RowError>?)_errors ?? [];

    /// <summary>True when no error has been found.</summary>
    public bool IsValid => _errors is null;

    /// <summary>The row's line.</summary>
    public long Line => source.Line;

    /// <summary>Adds an error.</summary>
    public void Fail(string? column, string reason) => (_errors ??= []).Add(new RowError(source.Line, column, reason));

    /// <summary>Optional text, with a length limit.</summary>
    public string? Text(string column, int maxLength = 500)
    {
        var v = source.Get(column);
        if (v is not null && v.Length > maxLength)
        {
            Fail(column, $"is {v.Length} characters long; at most {maxLength} are allowed");
            return null;
        }

        return v;
    }

    /// <summary>Required text.</summary>
    public string? Required(string column, int maxLength = 500)
    {
        var v = Text(column, maxLength);
        if (v is null && source.Get(column) is null)
        {
            Fail(column, "is missing; a value is required");
        }

        return v;
    }

    /// <summary>An optional ISO 8601 time; without an offset the time is read as UTC.</summary>
    public DateTimeOffset? Time(string column, bool required = false)
    {
        var v = source.Get(column);
        if (v is null)
        {
            if (required)
            {
                Fail(column, "is missing; an ISO 8601 date-time such as 2024-05-01T10:30:00Z is required");
            }

            return null;
        }

        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            && t.Year is >= 1900 and <= 2200)
        {
            return t.ToUniversalTime();
        }

        Fail(column, $"'{v}' is not a date-time; use ISO 8601 such as 2024-05-01T10:30:00Z");
        return null;
    }

    /// <summary>A decimal number (invariant culture, '.' as the decimal point).</summary>
    public decimal? Decimal(string column, bool required = false)
    {
        var v = source.Get(column);
        if (v is null)
        {
            if (required)
            {
                Fail(column, "is missing; a number is required");
            }

            return null;
        }

        if (decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && Math.Abs(d) < 1_000_000_000m)
        {
            return d;
        }

        Fail(column, $"'{v}' is not a number below 1,000,000,000 (use '.' as the decimal point, no thousands separators)");
        return null;
    }

    /// <summary>A whole number.</summary>
    public int? Integer(string column, bool required = false)
    {
        var v = source.Get(column);
        if (v is null)
        {
            if (required)
            {
                Fail(column, "is missing; a whole number is required");
            }

            return null;
        }

        if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        Fail(column, $"'{v}' is not a whole number");
        return null;
    }

    /// <summary>Checks the encoding of the whole row.</summary>
    public void CheckEncoding()
    {
        if (source.EncodingError is { } column)
        {
            Fail(column, "holds bytes that are not valid UTF-8; save the file as UTF-8 (it looks like another encoding, e.g. Windows-1252)");
        }
    }
}
