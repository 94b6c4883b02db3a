using System.Diagnostics;
using Reach.Testing;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// Builds the marketer's web app (<c>Reach.Web</c>: net9.0, self-contained, STACK.md) at run time and starts it as
/// the browser tests do (<see cref="ServiceProcess.CreateSelfContained"/>), pointed at a running CRM.
/// </summary>
public static class WebServer
{
    /// <summary>How long the web app may take to answer <c>/health</c>: 120 s.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Builds <c>Reach.Web</c> (in the configuration <see cref="ServiceProcess"/> runs services from) and starts it on a free
    /// loopback port with <c>services__crm__http__0</c> = <paramref name="crmUrl"/>, the Production environment, its
    /// logs at <c>Warning</c> and no telemetry export; returns once <c>/health</c> answers 200. The caller stops it
    /// (dispose: SIGTERM, then kill after 10 s).
    /// </summary>
    /// <exception cref="InvalidOperationException">The build failed, or the web app exited before it was healthy.</exception>
    /// <exception cref="TimeoutException">It was not healthy in time (the message holds its output).</exception>
    public static async Task<ServiceProcess> StartAsync(string crmUrl, CancellationToken cancellationToken)
    {
        await ServiceBuild.BuildAsync(ServiceProcess.RepositoryRoot(), "Reach.Web", ServiceProcess.Configuration, cancellationToken);
        var web = ServiceProcess.CreateSelfContained("web", "Reach.Web", "net9.0", new Dictionary<string, string>
        {
            ["services__crm__http__0"] = crmUrl,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            // Like the bench's other children, it exports no telemetry whatever the bench's own environment says.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        });
        Progress.Write($"  starting web (Reach.Web, self-contained net9.0) on {web.Url}");
        var started = Stopwatch.StartNew();
        try
        {
            await web.StartAsync(StartTimeout);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        Progress.Write($"  web healthy after {started.Elapsed.TotalSeconds:0.0} s");
        return web;
    }
}
