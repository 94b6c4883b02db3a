using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.AppHost.Dashboard.Telemetry;
using Reach.AppHost.Health;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Dashboard.Api;

/// <summary>
/// The dashboard's JSON API, which its pages poll: resources (with start/stop/restart), console output, structured
/// logs, traces and metrics.
/// </summary>
public static class DashboardApi
{
    /// <summary>Maps <c>/api/…</c>, reachable only on <paramref name="hostPattern"/> (e.g. <c>*:18888</c>).</summary>
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints, string hostPattern)
    {
        var api = endpoints.MapGroup("/api").RequireHost(hostPattern);

        api.MapGet("/resources", (ResourceManager manager, ResourceHealthMonitor health) =>
            manager.Resources.Select(r => ResourceView.From(r, health.Report(r.Name))).ToArray());

        api.MapPost("/resources/{name}/{action}", (string name, string action, ResourceManager manager, IHostApplicationLifetime lifetime, ILoggerFactory loggers) =>
        {
            if (!manager.Resources.Any(r => r.Name == name))
            {
                return Results.NotFound();
            }

            Func<string, CancellationToken, Task>? command = action switch
            {
                "start" => manager.StartAsync,
                "stop" => manager.StopAsync,
                "restart" => manager.RestartAsync,
                _ => null,
            };
            if (command is null)
            {
                return Results.BadRequest(new { error = "action is start, stop or restart" });
            }

            var logger = loggers.CreateLogger(typeof(DashboardApi));
            logger.LogInformation("Dashboard: {Action} {Resource}", action, name);
            _ = Task.Run(async () =>
            {
                try
                {
                    await command(name, lifetime.ApplicationStopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Dashboard: {Action} {Resource} failed", action, name);
                }
            });
            return Results.Accepted();
        });

        api.MapGet("/resources/{name}/console", (string name, long? after, ResourceManager manager) =>
        {
            var resource = manager.Resources.FirstOrDefault(r => r.Name == name);
            return resource is null ? Results.NotFound() : Results.Ok(resource.Log.Snapshot(after ?? -1));
        });

        api.MapGet("/logs", (string? resource, string? level, string? text, string? traceId, long? after, int? limit, LogStore logs) =>
            logs.Query(new LogFilter(resource, level, text, traceId, after ?? -1, limit ?? 500)));

        api.MapGet("/traces", (string? resource, string? text, int? limit, bool? hideDb, TraceStore traces) =>
            traces.List(resource, text, limit ?? 200, hideDb ?? false));

        api.MapGet("/traces/{traceId}", (string traceId, TraceStore traces) =>
        {
            var spans = traces.Get(traceId);
            if (spans is null || spans.Count == 0)
            {
                return Results.NotFound();
            }

            var summary = TraceStore.Summarize(spans);
            var linksTo = summary.LinkedTraceIds
                .Select(traces.Get)
                .Where(s => s is { Count: > 0 })
                .Select(s => TraceStore.Summarize(s!))
                .ToArray();
            return Results.Ok(new TraceDetailView(summary, spans, traces.LinkedFrom(summary.TraceId), linksTo));
        });

        api.MapGet("/metrics", (string? resource, MetricStore metrics) =>
            metrics.List(resource));

        api.MapGet("/metrics/{resource}/{meter}/{name}", (string resource, string meter, string name, MetricStore metrics) =>
            metrics.Get(resource, meter, name) is { } instrument ? Results.Ok(instrument) : Results.NotFound());

        api.MapGet("/summary", (ResourceManager manager, TraceStore traces, LogStore logs, DashboardEndpoints dashboard) =>
            new DashboardSummary(manager.Resources.Count, traces.Count, logs.Count, dashboard.OtlpUrl, dashboard.ExportEndpoint, dashboard.ExportProtocol));

        return api;
    }
}
