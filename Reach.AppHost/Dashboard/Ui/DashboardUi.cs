using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Reach.AppHost.Dashboard.Ui;

/// <summary>
/// Serves the dashboard's pages: one HTML shell with its script and styles (embedded in the AppHost), which render
/// Resources, Console, Structured logs, Traces and Metrics from <see cref="Api.DashboardApi"/>.
/// </summary>
public static class DashboardUi
{
    private static readonly Assembly Assembly = typeof(DashboardUi).Assembly;

    /// <summary>Maps <c>/</c> and the page's assets, reachable only on <paramref name="hostPattern"/>.</summary>
    public static void MapDashboardUi(this IEndpointRouteBuilder endpoints, string hostPattern)
    {
        endpoints.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8")).RequireHost(hostPattern);
        endpoints.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8")).RequireHost(hostPattern);
        endpoints.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8")).RequireHost(hostPattern);
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetManifestResourceStream("dashboard/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }
}
