using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Configuration;

/// <summary>Settings of the dashboard (UI) and its OTLP/HTTP receiver, bound from <c>Reach:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>Whether the dashboard and the OTLP receiver run and the services export telemetry to it (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The port of the dashboard UI, where Aspire's standalone dashboard has it (default 18888; a free port when busy).</summary>
    public int Port { get; set; } = 18888;

    /// <summary>The port of the OTLP/HTTP receiver, where Aspire's standalone dashboard has it (default 18890; a free port when busy).</summary>
    public int OtlpPort { get; set; } = 18890;

    /// <summary>
    /// Send the services' telemetry somewhere else instead of the built-in receiver, e.g. Aspire's standalone dashboard
    /// container: <c>http://localhost:4317</c> with <see cref="OtlpProtocol"/> <c>grpc</c>. Default: the built-in receiver.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The protocol the services export with (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>): <c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    /// <summary>How much telemetry is kept in memory.</summary>
    public TelemetryLimits Limits { get; set; } = new();
}
