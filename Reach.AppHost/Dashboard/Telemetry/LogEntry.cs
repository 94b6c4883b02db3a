namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>A received structured log record.</summary>
/// <param name="Sequence">Its position in the store since the AppHost started (for incremental reads).</param>
/// <param name="Time">When it was logged.</param>
/// <param name="Level">Trace, Debug, Information, Warning, Error or Critical.</param>
/// <param name="Message">The formatted message (the OTLP body).</param>
/// <param name="Category">The logger category (instrumentation scope).</param>
/// <param name="Source">The process that sent it.</param>
/// <param name="TraceId">The trace it was logged in, or null.</param>
/// <param name="SpanId">The span it was logged in, or null.</param>
/// <param name="Attributes">Its attributes (the message template's values, scopes, the exception).</param>
public sealed record LogEntry(
    long Sequence,
    DateTimeOffset Time,
    string Level,
    string Message,
    string Category,
    TelemetrySource Source,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<TelemetryAttribute> Attributes)
{
    /// <summary>The levels in ascending severity, as <see cref="Level"/> spells them.</summary>
    public static IReadOnlyList<string> Levels => LevelNames;

    private static readonly string[] LevelNames = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    /// <summary>The rank of <see cref="Level"/> in <see cref="Levels"/>.</summary>
    public int LevelRank => RankOf(Level);

    /// <summary>The rank of a level name (case-insensitive) in <see cref="Levels"/>, or 0 when unknown.</summary>
    public static int RankOf(string level) =>
        Math.Max(0, Array.FindIndex(LevelNames, l => string.Equals(l, level, StringComparison.OrdinalIgnoreCase)));
}
