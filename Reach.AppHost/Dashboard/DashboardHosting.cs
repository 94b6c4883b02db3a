using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reach.AppHost.Configuration;
using Reach.AppHost.Dashboard.Api;
using Reach.AppHost.Dashboard.Otlp;
using Reach.AppHost.Dashboard.Telemetry;
using Reach.AppHost.Dashboard.Ui;
using Reach.AppHost.Networking;

namespace Reach.AppHost.Dashboard;

/// <summary>Adds the dashboard (UI on <c>Reach:Dashboard:Port</c>) and its OTLP/HTTP receiver (<c>Reach:Dashboard:OtlpPort</c>) to the AppHost.</summary>
public static class DashboardHosting
{
    /// <summary>
    /// Chooses the ports (the configured ones, or free ones when they are busy), makes Kestrel listen on them (loopback
    /// only), and registers the telemetry stores and <see cref="DashboardEndpoints"/>.
    /// </summary>
    public static DashboardEndpoints AddReachDashboard(this WebApplicationBuilder builder, PortAllocator ports)
    {
        var options = builder.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>()?.Dashboard ?? new DashboardOptions();
        DashboardEndpoints endpoints;
        if (options.Enabled)
        {
            var uiPort = ports.Allocate(options.Port);
            var otlpPort = ports.Allocate(options.OtlpPort);
            var export = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? $"http://localhost:{otlpPort.ToString(CultureInfo.InvariantCulture)}" : options.OtlpEndpoint.Trim();
            endpoints = new DashboardEndpoints(true, uiPort, otlpPort, export, options.OtlpProtocol);
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.ListenLocalhost(uiPort);
                kestrel.ListenLocalhost(otlpPort);
                kestrel.Limits.MaxRequestBodySize = OtlpRequestBody.MaxBodyBytes;
            });
        }
        else
        {
            endpoints = new DashboardEndpoints(false, 0, 0, string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : options.OtlpEndpoint.Trim(), options.OtlpProtocol);
            builder.WebHost.UseKestrel(kestrel => kestrel.ListenLocalhost(ports.Allocate()));
        }

        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(options.Limits);
        builder.Services.AddSingleton<TraceStore>();
        builder.Services.AddSingleton<LogStore>();
        builder.Services.AddSingleton<MetricStore>();
        return endpoints;
    }

    /// <summary>Maps the receiver on the OTLP port and the pages and API on the UI port.</summary>
    public static WebApplication MapReachDashboard(this WebApplication app, DashboardEndpoints endpoints)
    {
        if (!endpoints.Enabled)
        {
            return app;
        }

        app.MapOtlpReceiver("*:" + endpoints.OtlpPort.ToString(CultureInfo.InvariantCulture));
        var ui = "*:" + endpoints.UiPort.ToString(CultureInfo.InvariantCulture);
        app.MapDashboardApi(ui);
        app.MapDashboardUi(ui);
        return app;
    }
}
