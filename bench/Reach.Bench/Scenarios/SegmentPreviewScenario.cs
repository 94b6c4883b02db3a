using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;
using Reach.Testing;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Previews every audience of the copilot evaluation set (<c>shared/eval/copilot-goals.jsonl</c>, 37 goals) through
/// <c>POST /api/segments/preview</c> of a CRM web server on the demo database: 2 warm-ups, then 20 timed calls each,
/// client-measured. The twelve Online Retail goals run on the demo data too (they name countries and products the
/// demo brand doesn't have, so they select few or no customers). Baseline: a bare <c>SELECT count(*) FROM segment_facts</c> (the relation every count scans or probes).
/// Also writes <c>EXPLAIN (ANALYZE, BUFFERS)</c> of the count query for three representative filters to
/// <c>explain-segment-preview.txt</c> and checks that no plan reads <c>orders</c> or <c>order_lines</c>.
/// </summary>
public sealed partial class SegmentPreviewScenario : IScenario
{
    private const string ScenarioName = "segment-preview";
    private const int Warmups = 2;
    private const int Runs = 20;
    private static readonly Target P95Target = Target.AtMost(250, "ms");
    private static readonly string[] ExplainGoals = ["g01", "g03", "g07", "g21"];

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["segmentation"];

    /// <inheritdoc />
    public string Description => "preview the 37 eval-set audiences through the CRM's HTTP API on the demo database";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        var goals = EvalGoal.Load();
        var size = demo.Customers.ToString("N0", CultureInfo.InvariantCulture);

        Progress.Write($"  baseline: SELECT count(*) FROM segment_facts, {Warmups} warm-ups + {Runs} runs");
        var countTimes = await CountBaselineAsync(demo.ConnectionString, cancellationToken);

        var perGoal = new List<(EvalGoal Goal, List<double> Times, Latencies Client, long Count)>();
        var all = new List<double>();
        var server = new List<double>();
        await using (var crm = await CrmServer.StartAsync(demo, null, cancellationToken))
        using (var api = await CrmApi.ConnectAsync(crm.Url, cancellationToken))
        {
            Progress.Write($"  previewing {goals.Count} audiences × ({Warmups} warm-ups + {Runs} timed calls)");
            foreach (var goal in goals)
            {
                var times = new List<double>(Runs);
                long count = 0;
                for (var i = 0; i < Warmups + Runs; i++)
                {
                    var (body, elapsed) = await api.PostJsonAsync("/api/segments/preview", goal.Audience, cancellationToken);
                    if (i < Warmups)
                    {
                        continue;
                    }

                    times.Add(elapsed.TotalMilliseconds);
                    server.Add(body.GetProperty("elapsedMs").GetDouble());
                    count = body.GetProperty("count").GetInt64();
                }

                all.AddRange(times);
                perGoal.Add((goal, times, Latencies.Of(times), count));
            }
        }

        var overall = Latencies.Of(all);
        var serverSide = Latencies.Of(server);
        var detail = $"{countTimes.Count} runs";
        results.Record(ScenarioName, $"preview p50, {goals.Count} eval audiences × {Runs} calls, {size} customers (client-measured)", overall.P50, "ms",
            new Baseline("SELECT count(*) FROM segment_facts p50", countTimes.P50, "ms", detail));
        results.Record(ScenarioName, $"preview p95, {goals.Count} eval audiences × {Runs} calls, {size} customers (client-measured)", overall.P95, "ms",
            new Baseline("SELECT count(*) FROM segment_facts p95", countTimes.P95, "ms", detail), P95Target);
        results.Note(ScenarioName, "preview: CRM-reported elapsedMs (count + sample query) p50 / p95 / max",
            $"{serverSide.P50:0.0} / {serverSide.P95:0.0} / {serverSide.Max:0.0} ms; client max {overall.Max:0.0} ms");
        foreach (var dataset in perGoal.GroupBy(g => g.Goal.Dataset))
        {
            var l = Latencies.Of(dataset.SelectMany(g => g.Times));
            results.Note(ScenarioName, $"preview p50 / p95, {dataset.Key} goals ({dataset.Count()})", $"{l.P50:0.0} / {l.P95:0.0} ms");
        }

        var slowest = perGoal.OrderByDescending(g => g.Client.P95).Take(3)
            .Select(g => $"{g.Goal.Id} p95 {g.Client.P95:0} ms ({g.Count:N0} customers)");
        results.Note(ScenarioName, "slowest audiences", string.Join("; ", slowest));
        var online = perGoal.Where(g => g.Goal.Dataset == "online-retail").ToList();
        if (online.Count > 0)
        {
            results.Note(ScenarioName, "online-retail goals on demo data select (customers)",
                string.Join(", ", online.Select(g => $"{g.Goal.Id} {g.Count:N0}")) + " — those naming Online Retail countries or products select nobody on demo data; the generic ones (average order value, first order, country ≠ United Kingdom) select many");
        }

        await ExplainAsync(context, demo, goals, cancellationToken);
    }

    private static async Task<Latencies> CountBaselineAsync(string cs, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM segment_facts", conn) { CommandTimeout = 0 };
        var times = new List<double>(Runs);
        for (var i = 0; i < Warmups + Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await cmd.ExecuteScalarAsync(ct);
            if (i >= Warmups)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return Latencies.Of(times);
    }

    private static async Task ExplainAsync(BenchContext context, DemoDatabase demo, IReadOnlyList<EvalGoal> goals, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"# EXPLAIN (ANALYZE, BUFFERS) of the segment count query on {demo.Customers:N0} demo customers, reference time {demo.ReferenceTime:O}");
        text.AppendLine("# SQL compiled with Reach.Crm's SegmentDefinitionParser + SegmentSqlCompiler (as AudienceService does).");
        var readsOrders = new List<string>();
        var executionTimes = new List<string>();
        await using var conn = new NpgsqlConnection(demo.ConnectionString);
        await conn.OpenAsync(ct);
        // The planner settings the CRM gives an audience count (defaults), so the plans are the previews' plans; SET LOCAL
        // holds for this transaction.
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var set = new NpgsqlCommand(AudienceService.PlannerSettingsSql(new SegmentationOptions()), conn, tx))
        {
            await set.ExecuteNonQueryAsync(ct);
        }

        foreach (var id in ExplainGoals)
        {
            var goal = goals.FirstOrDefault(g => g.Id == id);
            if (goal is null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"\n## {id}: not in the eval set");
                continue;
            }

            var compiled = SegmentSqlCompiler.Compile(SegmentDefinitionParser.Parse(goal.Audience), demo.ReferenceTime);
            var sql = AudienceService.CountSql(compiled);
            await using var cmd = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) {sql}", conn, tx) { CommandTimeout = 0 };
            cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
            var plan = new StringBuilder();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    plan.AppendLine(reader.GetString(0));
                }
            }

            var parameters = string.Join(", ", compiled.Parameters.Select(p => $"@{p.ParameterName} = {Show(p.Value)}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"\n## {goal.Id}: {goal.Goal}\n-- audience: {goal.Audience}\n-- {sql.ReplaceLineEndings(" ")}\n-- {parameters}\n");
            text.Append(plan);
            if (OrdersTable().IsMatch(plan.ToString()))
            {
                readsOrders.Add(goal.Id);
            }

            if (ExecutionTime().Match(plan.ToString()) is { Success: true } m)
            {
                executionTimes.Add($"{goal.Id} {m.Groups[1].Value} ms");
            }
        }

        Directory.CreateDirectory(context.Options.OutDirectory);
        var file = Path.Combine(context.Options.OutDirectory, "explain-segment-preview.txt");
        await File.WriteAllTextAsync(file, text.ToString(), ct);
        Progress.Write($"  wrote {file}");
        context.Results.Note(ScenarioName, $"plan aggregates orders at query time? ({string.Join(", ", ExplainGoals)})",
            readsOrders.Count == 0
                ? "no — the plans read only segment_facts (the maintained metrics, projected); see bench/out/explain-segment-preview.txt"
                : $"**yes** — {string.Join(", ", readsOrders)} read orders/order_lines; see bench/out/explain-segment-preview.txt");
        context.Results.Note(ScenarioName, "count query execution time in EXPLAIN ANALYZE", string.Join("; ", executionTimes));
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => "{" + string.Join(",", e.Cast<object>().Select(Show)) + "}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\b(orders|order_lines)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrdersTable();

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();
}
