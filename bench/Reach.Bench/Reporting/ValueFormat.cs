using System.Globalization;

namespace Reach.Bench.Reporting;

/// <summary>How a number is shown in the table, by its unit (shared by figures and baselines).</summary>
public static class ValueFormat
{
    /// <summary>
    /// <paramref name="value"/> with its unit: seconds with two decimals, milliseconds with one (three below 1 ms),
    /// megabytes whole, rates (<c>…/s</c>) and plain counts with thousands separators, anything else with up to two decimals.
    /// </summary>
    public static string Format(double value, string unit)
    {
        var inv = CultureInfo.InvariantCulture;
        return unit switch
        {
            "s" => $"{value.ToString("0.00", inv)} s",
            "ms" => $"{value.ToString(Math.Abs(value) < 1 ? "0.###" : "0.0", inv)} ms",
            "MB" => $"{value.ToString("0", inv)} MB",
            "" => value.ToString("N0", inv),
            _ when unit.EndsWith("/s", StringComparison.Ordinal) => $"{value.ToString("N0", inv)} {unit}",
            _ => $"{value.ToString("0.##", inv)} {unit}",
        };
    }
}
