namespace Reach.Bench;

/// <summary>
/// One benchmark scenario. A scenario prepares what it needs (usually a fresh database from
/// <see cref="BenchContext.CreateDatabaseAsync"/>), measures, and records its figures with
/// <see cref="BenchContext.Results"/>. An exception marks the scenario failed; the figures recorded
/// before it stay in the table.
/// </summary>
public interface IScenario
{
    /// <summary>The scenario's name in the table and on the command line, e.g. <c>online-retail-import</c>.</summary>
    string Name { get; }

    /// <summary>Groups the scenario belongs to, selectable with <c>--scenarios</c>, e.g. <c>ingest</c>.</summary>
    IReadOnlyList<string> Tags { get; }

    /// <summary>One sentence on what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the scenario and records its figures.</summary>
    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
