using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Posts signed <c>delivered</c> receipts for the launched campaign's communications to <c>POST /api/webhooks/receipts</c>
/// of a CRM web server (dispatch off): 100 batches of 1,000 (100,000 events) from 4 concurrent clients, then 2,000
/// one-event requests from 4 concurrent clients — every event a new event id for a communication no receipt touched
/// yet, so each moves a stage and the funnel. The messages are first marked dispatched as the dispatcher would mark them
/// (receipts only follow a dispatch), and 20 batches posted for 8 s (duplicates after the first pass) warm the CRM up
/// (JIT tiering) before the clock starts; neither is timed. Baseline: 100,000 rows inserted into <c>receipt_events</c>
/// by one plain <c>INSERT … SELECT FROM unnest(…)</c> in PostgreSQL.
/// </summary>
public sealed class ReceiptsScenario : IScenario
{
    private const string ScenarioName = "receipts";
    private const int BatchSize = 1000;
    private const int Batches = 100;
    private const int WarmUpBatches = 20;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(8);
    private const int SingleRequests = 2000;
    private const int Clients = 4;
    private const int CommunicationsNeeded = 200_000;
    private const int WarmUpEvents = WarmUpBatches * BatchSize;
    private static readonly Target BatchedTarget = Target.AtLeast(40_000, "events/s");
    private static readonly Target RatioTarget = Target.AtLeast(10, "×");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["campaigns"];

    /// <inheritdoc />
    public string Description => "apply signed receipt batches (1,000 per request, 4 clients) and single receipts against a plain SQL insert";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        await using var crm = await CrmServer.StartAsync(demo, null, cancellationToken);
        using var api = await CrmApi.ConnectAsync(crm.Url, cancellationToken);
        var campaign = await CampaignSetup.RequireLaunchedAsync(context, api, cancellationToken);

        var ids = await QueuedCommunications.ReadAsync(demo.ConnectionString, campaign.CampaignId, CommunicationsNeeded, newestFirst: false, cancellationToken);
        const int batchedEvents = Batches * BatchSize;
        if (ids.Count < CommunicationsNeeded)
        {
            // A small demo brand: leave the newest queued messages untouched for live-funnel.
            var reserve = Math.Min(1000, ids.Count / 2);
            ids.RemoveRange(ids.Count - reserve, reserve);
        }

        if (ids.Count < WarmUpEvents + batchedEvents + SingleRequests)
        {
            results.Note(ScenarioName, "caveat", $"only {ids.Count:N0} queued communications: some are reused, so later events move no stage (less work)");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        // The warm-up takes the first ids, the timed runs the ones after them.
        long At(int i) => ids[i % ids.Count];
        long Id(int i) => At(WarmUpEvents + i);

        Progress.Write($"  marking {ids.Count:N0} communications dispatched, as the dispatcher would");
        await QueuedCommunications.MarkDispatchedAsync(demo.ConnectionString, campaign.CampaignId, ids, cancellationToken);

        // Baseline: the same number of rows into receipt_events, by the plainest SQL.
        Progress.Write($"  baseline: INSERT INTO receipt_events … FROM unnest(…) of {batchedEvents:N0} rows");
        var sqlIds = Enumerable.Range(0, batchedEvents).Select(Id).ToArray();
        var sqlTime = await PlainInsertAsync(demo.ConnectionString, $"sql-{run}", sqlIds, cancellationToken);
        var sqlRate = batchedEvents / sqlTime.TotalSeconds;
        var baseline = new Baseline("plain SQL INSERT … unnest", sqlRate, "events/s",
            $"{batchedEvents:N0} rows in {sqlTime.TotalSeconds:0.00} s");
        await BenchContext.ExecuteAsync(demo.ConnectionString, "CHECKPOINT", cancellationToken);

        // Warm-up, not timed: without it the CRM's and this process's JIT tiering took ~1.5 of the measured run's 7 CPU-s
        // (perf); with 20 batches only, the CRM still compiled 1,688 methods during the run, after 8 s of warm-up 690.
        var warmUp = Enumerable.Range(0, WarmUpBatches)
            .Select(b => ReceiptBody.Write($"warm-{run}", (long)b * BatchSize, Enumerable.Range(b * BatchSize, BatchSize).Select(At).ToList(), "delivered"))
            .ToList();
        Progress.Write($"  warm-up: {WarmUpBatches} batches of {BatchSize:N0} from {Clients} clients (not timed)");
        var warmUpClock = Stopwatch.StartNew();
        for (var pass = 0; pass == 0 || warmUpClock.Elapsed < WarmUpTime; pass++)
        {
            // After the first pass every event is a duplicate: the same code runs, no communication is used up.
            await PostAllAsync(api, warmUp, $"warm-{run}-{pass}", cancellationToken);
        }

        // Batched: bodies are built before the clock starts, so the figure is the CRM's.
        var bodies = Enumerable.Range(0, Batches)
            .Select(b => ReceiptBody.Write($"bat-{run}", (long)b * BatchSize,
                Enumerable.Range(b * BatchSize, BatchSize).Select(Id).ToList(), "delivered"))
            .ToList();
        Progress.Write($"  batched: {Batches} batches of {BatchSize:N0} from {Clients} clients");
        var cpu = await CpuSplit.StartAsync(demo.ConnectionString, new Dictionary<string, int> { ["crm"] = crm.Pid }, cancellationToken);
        await using var activity = PgActivitySampler.Start(demo.ConnectionString);
        var batched = await PostAllAsync(api, bodies, $"bat-{run}", cancellationToken);
        var statements = await activity.StopAsync(3);
        var split = await cpu.StopAsync(cancellationToken);
        var batchedRate = batched.Applied / batched.Wall.TotalSeconds;

        // One event per request.
        var singles = Enumerable.Range(0, SingleRequests)
            .Select(i => ReceiptBody.Write($"one-{run}", i, [Id(batchedEvents + i)], "delivered"))
            .ToList();
        Progress.Write($"  one event per request: {SingleRequests:N0} requests from {Clients} clients");
        var single = await PostAllAsync(api, singles, $"one-{run}", cancellationToken);
        var singleRate = single.Applied / single.Wall.TotalSeconds;

        results.Record(ScenarioName, $"batched: events/s ({Batches} × {BatchSize:N0} events, {Clients} concurrent clients)", batchedRate, "events/s",
            baseline, BatchedTarget);
        results.Note(ScenarioName, "batched: detail",
            $"{batched.Applied:N0} applied ({batched.Duplicate:N0} duplicate, {batched.Unknown:N0} unknown) in {batched.Wall.TotalSeconds:0.00} s; " +
            $"per batch p50 {batched.Latency.P50:0} ms, p95 {batched.Latency.P95:0} ms; {split}");
        results.Note(ScenarioName, "batched: where the time went (share of 100 ms pg_stat_activity samples)",
            statements.Count == 0 ? "no active statement sampled" : string.Join(" | ", statements));
        results.Record(ScenarioName, $"one event per request: events/s ({SingleRequests:N0} requests, {Clients} concurrent clients)", singleRate, "events/s",
            baseline);
        results.Note(ScenarioName, "one event per request: detail",
            $"{single.Applied:N0} applied in {single.Wall.TotalSeconds:0.00} s; per request p50 {single.Latency.P50:0.0} ms, p95 {single.Latency.P95:0.0} ms");
        results.Record(ScenarioName, "batched ÷ one-per-request throughput", batchedRate / singleRate, "×", target: RatioTarget);
        if (crm.LoggedExceptions is { Count: > 0 } errors)
        {
            results.Note(ScenarioName, "CRM errors logged", string.Join("; ", errors.Take(3)));
        }
    }

    private static async Task<TimeSpan> PlainInsertAsync(string cs, string prefix, long[] communicationIds, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO receipt_events (event_id, communication_id, type, occurred_at, received_at, payload)
            SELECT @prefix || '-' || t.n, t.id, 'delivered', now(), now(),
                   json_build_object('event_id', @prefix || '-' || t.n, 'communication_id', t.id, 'type', 'delivered', 'occurred_at', now())
            FROM unnest(@ids) WITH ORDINALITY AS t(id, n)
            """, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("prefix", prefix);
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = communicationIds });
        var started = Stopwatch.GetTimestamp();
        await cmd.ExecuteNonQueryAsync(ct);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<PostOutcome> PostAllAsync(CrmApi api, IReadOnlyList<byte[]> bodies, string webhookPrefix, CancellationToken ct)
    {
        var next = -1;
        int applied = 0, duplicate = 0, unknown = 0;
        var latencies = new double[bodies.Count];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var (answer, elapsed) = await api.PostReceiptsAsync(bodies[i], $"{webhookPrefix}-{i}", ct);
                latencies[i] = elapsed.TotalMilliseconds;
                Interlocked.Add(ref applied, answer.GetProperty("applied").GetInt32());
                Interlocked.Add(ref duplicate, answer.GetProperty("duplicate").GetInt32());
                Interlocked.Add(ref unknown, answer.GetProperty("unknown").GetInt32());
            }
        }, ct)));
        var wall = Stopwatch.GetElapsedTime(started);
        return new PostOutcome(applied, duplicate, unknown, wall, Latencies.Of(latencies));
    }
}
