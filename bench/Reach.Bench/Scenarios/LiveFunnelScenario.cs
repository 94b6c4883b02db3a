using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Crm.Receipts;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Watches <c>GET /api/campaigns/{id}/funnel/stream</c> (Server-Sent Events, event <c>funnel</c>) of the launched
/// campaign while posting 50 small signed receipt batches (10 <c>opened</c> events each, for communications no receipt
/// touched yet) about 300 ms apart, and measures from each batch's 200 answer (its commit) to the first streamed snapshot
/// whose <c>counts.opened</c> includes it. The stream coalesces changes to at most one snapshot per 250 ms.
/// </summary>
public sealed class LiveFunnelScenario : IScenario
{
    private const string ScenarioName = "live-funnel";
    private const int Posts = 50;
    private const int EventsPerPost = 10;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);
    private static readonly Target P95Target = Target.AtMost(500, "ms");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["campaigns"];

    /// <inheritdoc />
    public string Description => "time from a receipt batch's commit to the live funnel stream showing it";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        await using var crm = await CrmServer.StartAsync(demo, null, cancellationToken);
        using var api = await CrmApi.ConnectAsync(crm.Url, cancellationToken);
        var campaign = await CampaignSetup.RequireLaunchedAsync(context, api, cancellationToken);
        var fresh = await QueuedCommunications.ReadAsync(demo.ConnectionString, campaign.CampaignId, Posts * EventsPerPost, newestFirst: true, cancellationToken);
        if (fresh.Count < Posts * EventsPerPost)
        {
            throw new InvalidOperationException($"campaign {campaign.CampaignId} has only {fresh.Count} queued communications; {Posts * EventsPerPost} are needed");
        }

        await using var notifications = await NotificationWatcher.StartAsync(demo.ConnectionString, ReceiptIngestService.FunnelChannel,
            campaign.CampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var snapshots = Channel.CreateUnbounded<(long At, long Opened)>();
        using var response = await api.Http.GetAsync($"/api/campaigns/{campaign.CampaignId}/funnel/stream",
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in SseParser.Create(stream, (type, data) => type == "funnel" ? Opened(data) : -1)
                                   .EnumerateAsync(streaming.Token))
                {
                    if (item.Data >= 0)
                    {
                        snapshots.Writer.TryWrite((Stopwatch.GetTimestamp(), item.Data));
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
                // The stream ends when the scenario is done (or the CRM stops).
            }
            finally
            {
                snapshots.Writer.TryComplete();
            }
        }, CancellationToken.None);

        var run = Guid.NewGuid().ToString("N")[..8];
        var latencies = new List<double>(Posts);
        var notifyLatencies = new List<double>(Posts);
        var early = 0;
        try
        {
            var (_, opened) = await NextAsync(snapshots.Reader, cancellationToken)
                ?? throw new InvalidOperationException("the funnel stream sent no first snapshot");
            var expected = opened;
            Progress.Write($"  stream open (opened = {opened:N0}); posting {Posts} batches of {EventsPerPost} opened receipts, ~{Spacing.TotalMilliseconds:0} ms apart");
            for (var i = 0; i < Posts; i++)
            {
                var posted = Stopwatch.GetTimestamp();
                var body = ReceiptBody.Write($"live-{run}", (long)i * EventsPerPost, fresh.GetRange(i * EventsPerPost, EventsPerPost), "opened");
                var (answer, _) = await api.PostReceiptsAsync(body, $"live-{run}-{i}", cancellationToken);
                var committed = Stopwatch.GetTimestamp();
                expected += answer.GetProperty("applied").GetInt32();

                // The first snapshot whose counts include this batch (any snapshot already queued may be older).
                long? seenAt = null;
                while (seenAt is null)
                {
                    var snapshot = await NextAsync(snapshots.Reader, cancellationToken)
                        ?? throw new InvalidOperationException($"the stream showed no snapshot with opened ≥ {expected:N0} within {WaitLimit.TotalSeconds:0} s of post {i + 1}");
                    if (snapshot.Opened >= expected)
                    {
                        seenAt = snapshot.At;
                    }
                }

                var ms = Stopwatch.GetElapsedTime(committed, seenAt.Value).TotalMilliseconds;
                if (ms < 0)
                {
                    early++;
                }

                latencies.Add(Math.Max(0, ms));
                if (notifications.FirstAfter(posted) is { } notified)
                {
                    notifyLatencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(committed, notified).TotalMilliseconds));
                }

                var since = Stopwatch.GetElapsedTime(posted);
                if (since < Spacing)
                {
                    await Task.Delay(Spacing - since, cancellationToken);
                }
            }
        }
        finally
        {
            await streaming.CancelAsync();
            response.Dispose();
            await reader;
        }

        var l = Latencies.Of(latencies);
        var n = notifyLatencies.Count > 0 ? Latencies.Of(notifyLatencies) : null;
        Baseline? Listen(double value) => n is null ? null
            : new Baseline("bare LISTEN on reach_funnel", value, "ms", $"{n.Count} notifications; the stream adds its 250 ms coalescing + a snapshot query");
        context.Results.Record(ScenarioName, $"commit → stream p50 ({Posts} batches of {EventsPerPost} opened receipts)", l.P50, "ms", Listen(n?.P50 ?? 0));
        context.Results.Record(ScenarioName, $"commit → stream p95 ({Posts} batches of {EventsPerPost} opened receipts)", l.P95, "ms", Listen(n?.P95 ?? 0), P95Target);
        context.Results.Note(ScenarioName, "commit → stream detail",
            $"max {l.Max:0} ms, mean {l.Mean:0} ms; times from the 200 answer (commit) to the snapshot, client-side" +
            (early > 0 ? $"; {early} snapshot(s) arrived before the 200 answer was read (counted as 0 ms)" : ""));
    }

    private static async Task<(long At, long Opened)?> NextAsync(ChannelReader<(long At, long Opened)> reader, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(WaitLimit);
        try
        {
            return await reader.WaitToReadAsync(wait.Token) && reader.TryRead(out var item) ? item : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null; // timed out
        }
    }

    private static long Opened(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.GetProperty("counts").GetProperty("opened").GetInt64();
    }
}
