namespace Reach.Bench.Infrastructure;

/// <summary>Percentiles of a set of measured times (nearest rank, as most load tools report them).</summary>
/// <param name="Count">How many measurements.</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Max">Largest.</param>
/// <param name="Mean">Arithmetic mean.</param>
public sealed record Latencies(int Count, double P50, double P95, double Max, double Mean)
{
    /// <summary>Summarises <paramref name="values"/> (any unit; the result is in the same unit).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static Latencies Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no measurements", nameof(values));
        }

        return new Latencies(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], sorted.Average());
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of ascending <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
