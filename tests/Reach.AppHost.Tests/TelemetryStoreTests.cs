using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Tests;

/// <summary>The dashboard's in-memory stores: summaries, filters and limits (oldest dropped first).</summary>
public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_trace_summary_counts_spans_per_resource_and_database_errors_and_links()
    {
        SpanData[] spans =
        [
            Span("t1", "a", null, "crm", "POST /api/campaigns/{id}/launch", 0, 300),
            Span("t1", "b", "a", "crm", "postgresql", 10, 20, db: true),
            Span("t1", "c", "a", "channel", "POST /v1/messages:batch", 100, 250, error: true),
            Span("t1", "d", "c", "channel", "accept", 110, 120, link: "t0"),
        ];

        var summary = TraceStore.Summarize(spans);

        Assert.Equal("crm: POST /api/campaigns/{id}/launch", summary.Name);
        Assert.Equal(4, summary.SpanCount);
        Assert.Equal(300, summary.DurationMs);
        Assert.Equal(new Dictionary<string, int> { ["channel"] = 2, ["crm"] = 2, ["postgresql"] = 1 }, summary.SpansPerResource);
        Assert.Equal(1, summary.ErrorCount);
        Assert.Equal(["t0"], summary.LinkedTraceIds);
    }

    [Fact]
    public void The_trace_list_filters_by_resource_and_text_and_can_hide_lone_database_commands()
    {
        var store = new TraceStore(new TelemetryLimits());
        store.Add([Span("t1", "a", null, "crm", "POST /launch", 0, 10), Span("t1", "b", "a", "channel", "accept", 1, 2)]);
        store.Add([Span("t2", "a", null, "crm", "postgresql", 20, 21, db: true)]);
        store.Add([Span("t3", "a", null, "web", "GET /", 30, 31)]);

        Assert.Equal(["t3", "t2", "t1"], store.List().Select(t => t.TraceId));
        Assert.Equal(["t3", "t1"], store.List(hideLoneDatabaseCommands: true).Select(t => t.TraceId));
        Assert.Equal(["t1"], store.List(resource: "channel").Select(t => t.TraceId));
        Assert.Equal(["t1"], store.List(text: "launch").Select(t => t.TraceId));
    }

    [Fact]
    public void A_span_sent_twice_is_kept_once_and_a_full_trace_counts_dropped_spans()
    {
        var store = new TraceStore(new TelemetryLimits { MaxSpansPerTrace = 2 });
        store.Add([Span("t1", "a", null, "crm", "one", 0, 1), Span("t1", "a", null, "crm", "one again", 0, 1)]);
        store.Add([Span("t1", "b", "a", "crm", "two", 0, 1), Span("t1", "c", "a", "crm", "three", 0, 1)]);

        Assert.Equal(["one again", "two"], store.Get("t1")!.Select(s => s.Name).Order());
        Assert.Equal(1, store.DroppedSpans);
    }

    [Fact]
    public void The_log_store_keeps_the_newest_records_and_filters_by_level_text_and_sequence()
    {
        var store = new LogStore(new TelemetryLimits { MaxLogRecords = 3 });
        store.Add([Log("Information", "started"), Log("Warning", "slow receipt batch"), Log("Error", "channel refused"), Log("Debug", "tick")]);

        Assert.Equal(3, store.Count);
        Assert.Equal(["tick", "channel refused", "slow receipt batch"], store.Query(new LogFilter(null, null, null, null)).Select(l => l.Message));
        Assert.Equal(["channel refused", "slow receipt batch"], store.Query(new LogFilter(null, "Warning", null, null)).Select(l => l.Message));
        Assert.Equal(["channel refused"], store.Query(new LogFilter("crm", null, "REFUSED", null)).Select(l => l.Message));
        Assert.Equal(["tick"], store.Query(new LogFilter(null, null, null, null, AfterSequence: 2)).Select(l => l.Message));
    }

    [Fact]
    public void The_metric_store_keeps_a_bounded_history_per_series_and_a_bounded_number_of_series()
    {
        var store = new MetricStore(new TelemetryLimits { MaxPointsPerSeries = 3, MaxSeriesPerInstrument = 2 });
        for (var i = 0; i < 5; i++)
        {
            store.Add([Sample("channel=sms", i), Sample("channel=email", i * 10), Sample("channel=rcs", i)]);
        }

        var instrument = store.Get("crm", "Reach.Crm", "reach.messages.dispatched")!;
        Assert.Equal(["channel=email", "channel=sms"], instrument.Series.Keys.Order());
        Assert.Equal([2.0, 3.0, 4.0], instrument.Series["channel=sms"].Select(p => p.Value));
        Assert.Equal("Counter", Assert.Single(store.List("crm")).Kind);
        Assert.Empty(store.List("web"));
    }

    private static SpanData Span(string trace, string id, string? parent, string service, string name, int startMs, int endMs, bool db = false, bool error = false, string? link = null) =>
        new(trace, id, parent, name, db ? "Client" : "Server", new TelemetrySource(service, "i"), db ? "Npgsql" : "Microsoft.AspNetCore",
            T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs), error ? "Error" : "Unset", null,
            db ? [new TelemetryAttribute("db.system.name", "postgresql")] : [],
            [],
            link is null ? [] : [new SpanLinkData(link, "x", [])]);

    private static LogEntry Log(string level, string message) =>
        new(0, T0, level, message, "Reach.Test", new TelemetrySource("crm", "i"), null, null, []);

    private static MetricSample Sample(string series, double value)
    {
        var (key, text) = (series.Split('=')[0], series.Split('=')[1]);
        return new MetricSample(new TelemetrySource("crm", "i"), "Reach.Crm", "reach.messages.dispatched", "", "{message}", "Counter",
            [new TelemetryAttribute(key, text)], new MetricPoint(T0.AddSeconds(value), value));
    }
}
