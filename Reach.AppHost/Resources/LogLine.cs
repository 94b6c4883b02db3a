namespace Reach.AppHost.Resources;

/// <summary>One line of a resource's console output, or an AppHost message about it.</summary>
/// <param name="Sequence">Position in the resource's log since the AppHost started (for incremental reads).</param>
/// <param name="Timestamp">When the AppHost received it.</param>
/// <param name="Text">The line, without its line break.</param>
/// <param name="Stream">Where it came from.</param>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string Text, LogStream Stream);
