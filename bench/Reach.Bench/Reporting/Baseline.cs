namespace Reach.Bench.Reporting;

/// <summary>What the same work costs by the plainest means, measured in the same run (e.g. a raw <c>COPY</c>).</summary>
/// <param name="Method">How it was done, e.g. <c>raw COPY</c>.</param>
/// <param name="Value">The measured figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit, e.g. <c>s</c>.</param>
/// <param name="Detail">A short qualifier shown after the value, e.g. the row count.</param>
public sealed record Baseline(string Method, double Value, string Unit, string? Detail = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Method} {ValueFormat.Format(Value, Unit)}{(Detail is null ? "" : $" ({Detail})")}";
}
