using System.Diagnostics;
using System.Globalization;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;

namespace Reach.Bench.Scenarios;

/// <summary>
/// The customers page's data on the demo database: <c>GET /api/customers?limit=50</c> (the first page, keyset-paged by
/// id), the page after it, a name search (<c>q=Rao</c>) and one customer's detail (metrics, latest orders and messages),
/// each 2 warm-ups + 20 timed calls through the CRM's HTTP API, client-measured, in ms. The web app's Customers page
/// renders exactly the first-page answer; the page itself in a browser is <see cref="WebCustomerPageScenario"/>.
/// </summary>
public sealed class CustomerPageScenario : IScenario
{
    private const string ScenarioName = "customer-page";
    private const int Warmups = 2;
    private const int Runs = 20;
    private static readonly Target FirstPageTarget = Target.AtMost(1000, "ms");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["customers"];

    /// <inheritdoc />
    public string Description => "the customers page's first page, next page, a name search and a customer's detail at 1M customers";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var demo = await context.RequireDemoDatabaseAsync(cancellationToken);
        var size = demo.Customers.ToString("N0", CultureInfo.InvariantCulture);
        await using var crm = await CrmServer.StartAsync(demo, null, cancellationToken);
        using var api = await CrmApi.ConnectAsync(crm.Url, cancellationToken);

        var first = await api.GetJsonAsync("/api/customers?limit=50", cancellationToken);
        var next = first.GetProperty("nextAfter").GetInt64();
        var someone = first.GetProperty("items")[0].GetProperty("id").GetInt64();
        var cases = new (string Figure, string Path, Target? Target)[]
        {
            ($"first page of 50, {size} customers, p95", "/api/customers?limit=50", FirstPageTarget),
            ("second page (after the first's nextAfter), p95", $"/api/customers?limit=50&after={next}", null),
            ("name search q=Rao, first page, p95", "/api/customers?q=Rao&limit=50", null),
            ("one customer's detail (metrics, latest orders and messages), p95", $"/api/customers/{someone}", null),
        };

        foreach (var (figure, path, target) in cases)
        {
            var times = new List<double>(Runs);
            for (var i = 0; i < Warmups + Runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await api.GetJsonAsync(path, cancellationToken);
                if (i >= Warmups)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var l = Latencies.Of(times);
            context.Results.Record(ScenarioName, figure, l.P95, "ms", target: target);
            context.Results.Note(ScenarioName, figure.Replace(", p95", "", StringComparison.Ordinal) + " detail",
                $"p50 {l.P50:0.#} ms, max {l.Max:0.#} ms over {Runs} calls ({path})");
        }
    }
}
