using System.Diagnostics;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Crm.Copilot.Embedded;
using Reach.Crm.Ingest.DemoData;
using Reach.Testing;

namespace Reach.Bench.Scenarios;

/// <summary>
/// The embedded copilot planner. (1) Its language step in process, without a database: <c>GoalParser.Parse</c> of every
/// eval-set goal, 200 times each, against the demo brand's catalogue (categories, products, cities, tags) — the target
/// row. (2) Whole turns through the CRM's <c>POST /api/copilot/chat</c> on the 1M demo database, one new conversation per
/// demo-brand goal (twice): the turn's client time, and the part of it that is not tool time (the turn minus the
/// <c>elapsedMs</c> of its tool calls — planning, copy, persisting the conversation). The tool calls' database time is
/// what <c>segment-preview</c> measures.
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
    public string Description => "the embedded planner: GoalParser on every eval-set goal in process, then whole copilot turns through the CRM on 1M customers";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ParseOnly(context, cancellationToken);
        await WholeTurnsAsync(context, cancellationToken);
    }

    private static async Task WholeTurnsAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        await using var crm = await CrmServer.StartAsync(demo, null, cancellationToken);
        using var api = await CrmApi.ConnectAsync(crm.Url, cancellationToken);
        var goals = EvalGoal.Load().Where(g => g.Dataset != "online-retail").ToList();
        var turns = new List<double>();
        var planner = new List<double>();
        var tools = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var goal in goals)
            {
                var (body, elapsed) = await api.PostJsonAsync("/api/copilot/chat",
                    System.Text.Json.JsonSerializer.Serialize(new { message = goal.Goal }), cancellationToken);
                var toolMs = body.GetProperty("actions").EnumerateArray().Sum(a => a.GetProperty("elapsedMs").GetDouble());
                tools += body.GetProperty("actions").GetArrayLength();
                turns.Add(elapsed.TotalMilliseconds);
                planner.Add(Math.Max(0, elapsed.TotalMilliseconds - toolMs));
            }
        }

        var t = Latencies.Of(turns);
        var p = Latencies.Of(planner);
        var size = $"{demo.Customers:N0} customers";
        context.Results.Record(ScenarioName, $"whole turn through POST /api/copilot/chat p95 ({goals.Count} demo goals × 2, {size})", t.P95, "ms");
        context.Results.Note(ScenarioName, "whole turn detail",
            $"p50 {t.P50:0.#} ms, max {t.Max:0.#} ms; {tools} tool calls in {turns.Count} turns (audience counts and samples)");
        context.Results.Record(ScenarioName, "turn minus its tool calls' time (planning, copy, persistence) p95", p.P95, "ms");
        context.Results.Note(ScenarioName, "turn minus tool time detail", $"p50 {p.P50:0.#} ms, max {p.Max:0.#} ms");
    }

    private static void ParseOnly(BenchContext context, CancellationToken cancellationToken)
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
    }
}
