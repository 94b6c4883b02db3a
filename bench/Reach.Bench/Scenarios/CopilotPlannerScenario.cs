using System.Diagnostics;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Crm.Copilot.Embedded;
using Reach.Crm.Ingest.DemoData;
using Reach.Testing;

namespace Reach.Bench.Scenarios;

/// <summary>
/// The embedded copilot planner's language step, in process and without a database: <c>GoalParser.Parse</c> of every
/// eval-set goal, 200 times each, against the demo brand's catalogue (categories, products, cities, tags). A copilot
/// turn also runs tool calls (counts, samples) — that is database time, measured by <c>segment-preview</c>.
/// </summary>
public sealed class CopilotPlannerScenario : IScenario
{
    private const string ScenarioName = "copilot-planner";
    private const int Rounds = 200;
    private static readonly Target P95Target = Target.AtMost(100, "ms");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["copilot"];

    /// <inheritdoc />
    public string Description => "parse every eval-set goal with the embedded planner's GoalParser (in process, no database)";

    /// <inheritdoc />
    public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var goals = EvalGoal.Load();
        var catalogue = new Catalogue(
            DemoDataGenerator.Catalogue.Select(p => p.Category.ToLowerInvariant()).Distinct().ToList(),
            DemoDataGenerator.Catalogue.Select(p => p.Name).ToList(),
            DemoDataGenerator.Cities.ToList(),
            ["India"],
            DemoDataGenerator.Tags.Select(t => t.ToLowerInvariant()).ToList());

        // One untimed round: JIT, regex construction.
        var conditions = goals.Sum(g => GoalParser.Parse(g.Goal, catalogue).Conditions.Count);
        var times = new List<double>(goals.Count * Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var goal in goals)
            {
                var started = Stopwatch.GetTimestamp();
                GoalParser.Parse(goal.Goal, catalogue);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var l = Latencies.Of(times);
        var figure = $"GoalParser.Parse per goal ({goals.Count} goals × {Rounds}; language step only, no database)";
        context.Results.Record(ScenarioName, figure + " p50", l.P50, "ms");
        context.Results.Record(ScenarioName, figure + " p95", l.P95, "ms", target: P95Target);
        context.Results.Note(ScenarioName, "planner detail",
            $"max {l.Max:0.###} ms, mean {l.Mean:0.###} ms; {conditions} conditions parsed per round; the turn's tool calls (audience counts) are database time — see segment-preview");
        return Task.CompletedTask;
    }
}
