using System.Globalization;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Crm.Segmentation;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Launches a campaign to everyone with e-mail consent on the demo database through a CRM web server (dispatch off):
/// <c>POST /api/segments</c>, <c>POST /api/campaigns</c>, then the timed <c>POST /api/campaigns/{id}/launch</c>, which
/// freezes the audience into <c>communications</c>. Reports the launch time, the audience, and the CRM's peak RSS during
/// the launch (also as the <c>memory</c> row). Baseline: the same rows written by a bare <c>INSERT … SELECT</c> into an
/// unlogged table without indexes. The launched campaign is kept for the receipt and live-funnel scenarios.
/// </summary>
public sealed class CampaignLaunchScenario : IScenario
{
    private const string ScenarioName = "campaign-launch";
    private const string MemoryScenario = "memory";
    private const int TargetCustomers = 1_000_000;
    private static readonly Target LaunchTarget = Target.AtMost(30, "s");
    private static readonly Target MemoryTarget = Target.AtMost(600, "MB");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["campaigns"];

    /// <inheritdoc />
    public string Description => "launch an e-mail campaign to everyone with e-mail consent (audience frozen into communications)";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        var atFullSize = demo.Customers == TargetCustomers;
        var size = demo.Customers.ToString("N0", CultureInfo.InvariantCulture);

        Progress.Write("  baseline: bare INSERT … SELECT of the reachable customers into an unlogged table without indexes");
        var (baselineTime, baselineRows) = await BareInsert.TimeAsync(demo.ConnectionString, "bench_launch_baseline",
            "(campaign_id bigint, customer_id bigint, channel text, recipient_address text, stage smallint, queued_at timestamptz, attempts int)",
            $"SELECT 0, c.id, 'email', c.email, 0, now(), 0 FROM customers c WHERE {ChannelSql.Reachable("email")}", cancellationToken);
        var baseline = new Baseline("bare INSERT … SELECT (unlogged, no indexes)", baselineTime.TotalSeconds, "s",
            baselineRows.ToString("N0", CultureInfo.InvariantCulture) + " rows");
        await BenchContext.ExecuteAsync(demo.ConnectionString, "CHECKPOINT", cancellationToken);

        await using var crm = await CrmServer.StartAsync(demo, null, cancellationToken);
        using var api = await CrmApi.ConnectAsync(crm.Url, cancellationToken);
        var campaignId = await CampaignSetup.CreateDraftAsync(api, "Bench", cancellationToken);

        var cpu = await CpuSplit.StartAsync(demo.ConnectionString, new Dictionary<string, int> { ["crm"] = crm.Pid }, cancellationToken);
        await using var memory = crm.SampleMemory();
        await using var activity = PgActivitySampler.Start(demo.ConnectionString);
        var launch = await CampaignSetup.LaunchAsync(api, campaignId, cancellationToken);
        var window = await memory.StopAsync();
        var statements = await activity.StopAsync();
        var split = await cpu.StopAsync(cancellationToken);
        context.Campaign = new LaunchedCampaign(campaignId, launch.AudienceSize);

        var audience = launch.AudienceSize.ToString("N0", CultureInfo.InvariantCulture);
        results.Record(ScenarioName, $"launch: seconds to materialise {audience} recipients ({size} customers; client-measured)",
            launch.Elapsed.TotalSeconds, "s", baseline, atFullSize ? LaunchTarget : null);
        results.Record(ScenarioName, "launch: audience size (queued communications)", launch.AudienceSize, "");
        results.Record(ScenarioName, "launch: excluded (no consent or address)", launch.Excluded, "");
        results.Record(ScenarioName, "launch: recipients per second", launch.AudienceSize / Math.Max(launch.Elapsed.TotalSeconds, 1e-9), "rows/s");
        results.Note(ScenarioName, "launch: where the time went (share of 100 ms pg_stat_activity samples)",
            (statements.Count == 0 ? "no active statement sampled" : string.Join(" | ", statements)) + "; " + split);
        results.Record(MemoryScenario, $"peak RSS of CRM process during the {audience}-recipient launch ({size} customers)", window.PeakMb, "MB",
            target: atFullSize ? MemoryTarget : null);
        results.Note(MemoryScenario, "peak RSS detail (launch window, CRM web server)", window.Describe());
    }
}
