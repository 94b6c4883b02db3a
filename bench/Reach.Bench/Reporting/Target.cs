using System.Globalization;

namespace Reach.Bench.Reporting;

/// <summary>A figure's target on the reference machine (2 cores).</summary>
/// <param name="Comparison">Whether the figure must stay at or below, or reach at least, <paramref name="Threshold"/>.</param>
/// <param name="Threshold">The limit, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit, e.g. <c>s</c> or <c>MB</c>.</param>
public sealed record Target(Comparison Comparison, double Threshold, string Unit)
{
    /// <summary>A figure that must stay at or below <paramref name="threshold"/>.</summary>
    public static Target AtMost(double threshold, string unit) => new(Comparison.AtMost, threshold, unit);

    /// <summary>A figure that must reach at least <paramref name="threshold"/>.</summary>
    public static Target AtLeast(double threshold, string unit) => new(Comparison.AtLeast, threshold, unit);

    /// <summary>Whether <paramref name="value"/> meets the target.</summary>
    public bool IsMetBy(double value) => Comparison == Comparison.AtMost ? value <= Threshold : value >= Threshold;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Comparison == Comparison.AtMost ? "≤" : "≥")} {Threshold.ToString("0.###", CultureInfo.InvariantCulture)} {Unit}";
}
