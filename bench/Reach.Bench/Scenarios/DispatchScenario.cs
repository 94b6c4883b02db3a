using System.Diagnostics;
using System.Globalization;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Dispatches a freshly launched e-mail campaign (everyone with e-mail consent on the demo database) through the
/// channel simulator: <c>Reach.Channel</c> (built in Release at run time) and a CRM with dispatch on
/// (<c>BatchSize=1000</c>, <c>Workers=4</c>, unthrottled) run as child processes; after the launch answers, the funnel is
/// polled every 200 ms until <c>counts.dispatched == queued</c> (or 120 s pass) and the rate is dispatched ÷ time.
/// Run twice: with the channel playing lifecycles in milliseconds (<c>TimeScale=0.001</c>, so its receipts flow back into
/// the CRM during dispatch — the headline figure), then with receipts pushed beyond the window (<c>TimeScale=1000</c>)
/// to show what dispatch alone reaches. The channel has no switch to turn receipts off.
/// Before each run earlier campaigns are cancelled and <c>communications</c>/<c>receipt_events</c> emptied, so the
/// queue holds only the new campaign.
/// </summary>
public sealed class DispatchScenario : IScenario
{
    private const string ScenarioName = "dispatch";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan NoProgressLimit = TimeSpan.FromSeconds(30);
    private static readonly Target RateTarget = Target.AtLeast(20_000, "msg/s");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["campaigns"];

    /// <inheritdoc />
    public string Description => "dispatch a launched 1M e-mail campaign to the channel simulator (messages/s until all are dispatched)";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        var channelDll = await ChannelServer.BuildAsync(cancellationToken);
        await RunOnceAsync(context, demo, channelDll, 0.001, "receipts flowing back (channel TimeScale 0.001)", RateTarget, cancellationToken);
        await RunOnceAsync(context, demo, channelDll, 1000, "receipts deferred past the window (channel TimeScale 1000)", null, cancellationToken);
    }

    private static async Task RunOnceAsync(
        BenchContext context, DemoDatabase demo, string channelDll, double timeScale, string label, Target? target, CancellationToken ct)
    {
        var results = context.Results;
        Progress.Write($"  dispatch run: {label}");
        await ResetQueueAsync(context, demo, ct);

        await using var channel = await ChannelServer.StartAsync(channelDll, timeScale, ct);
        await using var crm = await CrmServer.StartAsync(demo, new Dictionary<string, string>
        {
            ["services__channel__http__0"] = channel.Url,
            ["Reach__Dispatch__Enabled"] = "true",
            ["Reach__Dispatch__BatchSize"] = "1000",
            ["Reach__Dispatch__Workers"] = "4",
        }, ct);
        using var api = await CrmApi.ConnectAsync(crm.Url, ct);
        var campaignId = await CampaignSetup.CreateDraftAsync(api, "Bench dispatch", ct);

        await using var memory = crm.SampleMemory();
        var cpu = await CpuSplit.StartAsync(demo.ConnectionString, new Dictionary<string, int> { ["crm"] = crm.Pid, ["channel"] = channel.Pid }, ct);
        await using var activity = PgActivitySampler.Start(demo.ConnectionString);
        var (audience, _, launchTime) = await CampaignSetup.LaunchAsync(api, campaignId, ct);
        var started = Stopwatch.GetTimestamp();

        long dispatched = 0, queued = audience;
        var elapsed = TimeSpan.Zero;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(Poll, ct);
            var counts = await api.FunnelCountsAsync(campaignId, ct);
            elapsed = Stopwatch.GetElapsedTime(started);
            dispatched = counts.GetProperty("dispatched").GetInt64();
            queued = counts.GetProperty("queued").GetInt64();
            if (dispatched >= queued || elapsed >= Window)
            {
                break;
            }

            if (dispatched == 0 && elapsed >= NoProgressLimit)
            {
                throw new InvalidOperationException(
                    $"nothing was dispatched within {NoProgressLimit.TotalSeconds:0} s of the launch; the CRM's last output: {LastLine(crm.OutputTail)}");
            }

            if (elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = elapsed;
                Progress.Write($"  {elapsed.TotalSeconds:0} s: {dispatched:N0} of {queued:N0} dispatched");
            }
        }

        var window = await memory.StopAsync();
        var statements = await activity.StopAsync(3);
        var split = await cpu.StopAsync(ct);
        var receipts = await BenchContext.ScalarAsync<long>(demo.ConnectionString, "SELECT count(*) FROM receipt_events", ct);
        var complete = dispatched >= queued;
        var rate = dispatched / elapsed.TotalSeconds;

        var n = queued.ToString("N0", CultureInfo.InvariantCulture);
        results.Record(ScenarioName, $"messages/s, {label}" + (complete ? $", all {n} dispatched" : $", first {Window.TotalSeconds:0} s of {n}"),
            rate, "msg/s", target: target);
        results.Note(ScenarioName, $"detail, {label}",
            $"{dispatched:N0} of {n} dispatched in {elapsed.TotalSeconds:0.0} s after the launch answered ({(complete ? "complete" : "stopped at the window")}); " +
            $"launch took {launchTime.TotalSeconds:0.0} s; {receipts:N0} receipts applied meanwhile; CRM peak RSS {window.PeakMb:0} MB; {split}");
        var errors = crm.LoggedExceptions;
        results.Note(ScenarioName, $"CRM errors logged, {label}", errors.Count == 0 ? "none" : string.Join("; ", errors.Take(3)));
        results.Note(ScenarioName, $"where the time went, {label} (share of 100 ms pg_stat_activity samples)",
            statements.Count == 0 ? "no active statement sampled" : string.Join(" | ", statements));

        // Stop dispatching before the channel goes away, so no batch is left half-sent.
        await crm.StopAsync();
        await channel.StopAsync();
    }

    /// <summary>Cancels every unfinished campaign and empties the message queue and the receipt ledger.</summary>
    private static async Task ResetQueueAsync(BenchContext context, DemoDatabase demo, CancellationToken ct)
    {
        await BenchContext.ExecuteAsync(demo.ConnectionString, """
            UPDATE campaigns SET status = 'cancelled', updated_at = now() WHERE status IN ('draft', 'approved', 'sending');
            TRUNCATE communications, receipt_events;
            """, ct);
        await BenchContext.ExecuteAsync(demo.ConnectionString, "CHECKPOINT", ct);
        context.Campaign = null;
    }

    private static string LastLine(string tail) =>
        tail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase))
        ?? tail.Split('\n').LastOrDefault() ?? "(none)";
}
