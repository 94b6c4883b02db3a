using System.Globalization;
using Microsoft.Extensions.Options;

namespace Reach.Web.Formatting;

/// <summary>Formats numbers, money, rates and dates with the configured culture (<see cref="WebOptions.Culture"/>).</summary>
public sealed class DisplayFormat
{
    // One read-only format per currency, instead of a clone per amount (tables format a column of them per render).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NumberFormatInfo> _moneyFormats = new(StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GBP"] = "£", ["EUR"] = "€", ["USD"] = "$", ["INR"] = "₹", ["JPY"] = "¥",
    };

    /// <summary>Creates the formatter for <paramref name="options"/>' culture.</summary>
    public DisplayFormat(IOptions<WebOptions> options)
    {
        Culture = CultureInfo.GetCultureInfo(options.Value.Culture);
        StoreCurrency = options.Value.Currency;
    }

    /// <summary>The store currency.</summary>
    public string StoreCurrency { get; }

    /// <summary>The culture in use.</summary>
    public CultureInfo Culture { get; }

    /// <summary>A count, e.g. <c>1,234</c>.</summary>
    public string Number(long value) => value.ToString("N0", Culture);

    /// <summary>An amount in <paramref name="currency"/> (ISO code) with the culture's number format, e.g. <c>₹1,234.50</c>.</summary>
    public string Money(decimal amount, string? currency) =>
        amount.ToString("C", _moneyFormats.GetOrAdd(currency ?? StoreCurrency, c =>
        {
            var format = (NumberFormatInfo)Culture.NumberFormat.Clone();
            format.CurrencySymbol = Symbols.GetValueOrDefault(c, c + " ");
            return NumberFormatInfo.ReadOnly(format);
        }));

    /// <summary>A percentage given in percent, e.g. <c>42.5%</c>.</summary>
    public string Percent(double percent) => (percent / 100).ToString("P1", Culture);

    /// <summary>A date and time in the culture's short format (UTC shown as given).</summary>
    public string DateTime(DateTimeOffset? value) => value?.ToString("g", Culture) ?? "—";

    /// <summary>A time of day, e.g. for a chart axis.</summary>
    public string Time(DateTimeOffset value) => value.ToString("t", Culture);
}
